/** Filters: the viewer's keyword and status filters (v2, and v1 over the same tables), and applying them to read paths. */
export { type ActiveFilter, type FilterSummary, loadViewerFilters, type ViewerFilters } from './active.ts';
export {
  applyFilters,
  applyThreadFilters,
  applyViewerFilters,
  type FilterMatch,
  filterStreamedStatus,
  matchFilters,
  streamFilterContext,
} from './apply.ts';
export { createViewerFilterCache, requestFilterCache, type ViewerFilterCache } from './cache.ts';
export {
  addFilterKeyword,
  deleteFilterKeyword,
  findOwnedKeyword,
  getFilterKeyword,
  listFilterKeywords,
  type OwnedKeyword,
  updateFilterKeyword,
} from './keywords.ts';
export {
  createFilter,
  deleteFilter,
  type FilterDetail,
  type FilterInput,
  getFilter,
  type KeywordAttributes,
  listFilters,
  updateFilter,
} from './manage.ts';
export { addFilterStatus, getFilterStatus, listFilterStatuses, removeFilterStatus } from './statuses.ts';
export { createV1Filter, getV1Filter, listV1Filters, updateV1Filter, type V1FilterInput } from './v1.ts';
