import type {
  FilterAction,
  FilterContext,
  FilterKeywordRow,
  FilterRow,
  FilterStatusRow,
} from '../../db/schema/index.ts';
import type { FilterDetail, FilterMatch, FilterSummary } from '../../domain/filters/index.ts';

/** Mastodon's FilterKeyword entity. */
export interface FilterKeywordEntity {
  id: string;
  keyword: string;
  whole_word: boolean;
}

/** Mastodon's FilterStatus entity. */
export interface FilterStatusEntity {
  id: string;
  status_id: string;
}

/** Mastodon's Filter entity; `keywords` and `statuses` are left out inside a FilterResult. */
export interface FilterEntity {
  id: string;
  title: string;
  context: FilterContext[];
  expires_at: string | null;
  filter_action: FilterAction;
  keywords?: FilterKeywordEntity[];
  statuses?: FilterStatusEntity[];
}

/** Mastodon's FilterResult entity (a Status's `filtered` array). */
export interface FilterResultEntity {
  filter: FilterEntity;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

/** Mastodon's V1::Filter entity: one keyword with its filter's settings. */
export interface V1FilterEntity {
  id: string;
  phrase: string;
  context: FilterContext[];
  whole_word: boolean;
  expires_at: string | null;
  irreversible: boolean;
}

export function renderFilterKeyword(k: FilterKeywordRow): FilterKeywordEntity {
  return { id: k.id, keyword: k.keyword, whole_word: k.wholeWord };
}

export function renderFilterStatus(s: FilterStatusRow): FilterStatusEntity {
  return { id: s.id, status_id: s.statusId };
}

function renderFilterSummary(f: FilterSummary): FilterEntity {
  return {
    id: f.id,
    title: f.title,
    context: f.context,
    expires_at: f.expiresAt ? f.expiresAt.toISOString() : null,
    filter_action: f.action,
  };
}

export function renderFilter(d: FilterDetail): FilterEntity {
  return {
    ...renderFilterSummary(d.filter),
    keywords: d.keywords.map(renderFilterKeyword),
    statuses: d.statuses.map(renderFilterStatus),
  };
}

export function renderFilterResult(m: FilterMatch): FilterResultEntity {
  return {
    filter: renderFilterSummary(m.filter),
    keyword_matches: m.keywordMatches,
    status_matches: m.statusMatches,
  };
}

export function renderV1Filter({
  keyword,
  filter,
}: {
  keyword: FilterKeywordRow;
  filter: FilterRow;
}): V1FilterEntity {
  return {
    id: keyword.id,
    phrase: keyword.keyword,
    context: filter.context,
    whole_word: keyword.wholeWord,
    expires_at: filter.expiresAt ? filter.expiresAt.toISOString() : null,
    irreversible: filter.action === 'hide',
  };
}
