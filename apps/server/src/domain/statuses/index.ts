/** The statuses domain: write commands, read pipelines and the visibility rules they share. */
export { countStatusLength, MAX_STATUS_CHARS } from './content.ts';
export { type CreateStatusInput, createStatus } from './create.ts';
export { deleteStatus } from './delete.ts';
export { type EditStatusInput, editStatus, getStatusHistory, getStatusSource } from './edit.ts';
export {
  findHydratedStatus,
  type HydratedQuote,
  type HydratedStatus,
  hydrateStatuses,
  type QuoteState,
  type ViewerFlags,
} from './hydrate.ts';
export {
  bookmarkStatus,
  favouriteStatus,
  MAX_PINNED_STATUSES,
  pinStatus,
  reblogStatus,
  unbookmarkStatus,
  unfavouriteStatus,
  unpinStatus,
  unreblogStatus,
} from './interactions.ts';
export {
  listBookmarkedStatusIds,
  listFavouritedBy,
  listFavouritedStatusIds,
  listRebloggedBy,
  type Paged,
} from './lists.ts';
export {
  findStatusRow,
  getVisibleProperRow,
  getVisibleStatusRow,
  STATUS_COLUMNS,
  type StatusRecord,
} from './lookup.ts';
export { effectiveQuotePolicy, type QuotePermission, quotePermission } from './quote-policy.ts';
export { checkQuotable, listQuoteIds } from './quotes.ts';
export { getStatusContext } from './thread.ts';
export {
  canSeeRow,
  excludeMutedAndBlocked,
  filterVisible,
  isVisibleTo,
  loadMutedAuthors,
  loadViewerRelations,
  type ViewerRelations,
  visibleToSql,
} from './visibility.ts';
