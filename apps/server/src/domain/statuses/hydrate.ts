import type { LearningLink } from '@rounds/contract';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import type {
  AccountRow,
  EvidenceLevel,
  MediaAttachmentRow,
  PollRow,
  TagRow,
} from '../../db/schema/index.ts';
import type { MediaStorage } from '../../storage/media-storage.ts';
import { NO_EVIDENCE, type StatusEvidence, type StoredReference } from '../evidence/store.ts';
import type { FilterMatch } from '../filters/apply.ts';
import { type PollView, viewPoll } from '../polls/view.ts';
import { decodeTrust, NO_TRUST, type StatusTrust } from '../trust/marks.ts';
import {
  accountJson,
  type DetailRow,
  mediaJson,
  pollJson,
  type RowWithAuthor,
  selectDetails,
  selectRowsWithAuthors,
  tagJson,
} from './hydrate-sql.ts';
import type { StatusRecord } from './lookup.ts';
import { type QuotePermission, quotePermission } from './quote-policy.ts';
import { ANONYMOUS, canSeeRow, type ViewerRelations } from './visibility.ts';

/** Mastodon's Quote.state values that Rounds produces. */
export type QuoteState = 'accepted' | 'deleted' | 'unauthorized' | 'blocked_account' | 'muted_account';

/** What the signed-in viewer has done to a status; null for anonymous viewers. */
export interface ViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  pinned: boolean;
  /** Conversation mutes are not supported yet: always false. */
  muted: boolean;
}

/**
 * A quote as seen by the viewer. At the top level `status` is the quoted status (when it may be
 * shown); one level down the quote is shallow: only `quotedStatusId`, as Mastodon does.
 */
export interface HydratedQuote {
  state: QuoteState;
  quotedStatusId: string | null;
  status: HydratedStatus | null;
  shallow: boolean;
}

/** A status with everything needed to present it, already filtered for the viewer. */
export interface HydratedStatus {
  row: StatusRecord;
  account: AccountRow;
  /** Mentioned accounts, in order of appearance. */
  mentions: AccountRow[];
  /** Hashtags, in order of appearance. */
  tags: TagRow[];
  /** Media attachments, in display order. */
  media: MediaAttachmentRow[];
  /**
   * The store that serves the attachments' files, to turn their keys into URLs when presenting.
   * NOTE: carried here so every renderer of a hydrated status (routes, streaming, notifications)
   * resolves media URLs the same way without being handed the store separately.
   */
  mediaStorage: MediaStorage;
  /** The poll as the viewer sees it (their choices, whether totals show), or null. */
  poll: PollView | null;
  /** References and evidence level (domain/evidence); NO_EVIDENCE when it has none. */
  evidence: StatusEvidence;
  /** The learning objects this status presents (domain/learning), in a stable order. */
  learning: LearningLink[];
  /**
   * Its disclosure, correction note shown and moderator labels (domain/trust); NO_TRUST when none.
   * A reblog carries the reblogged post's, so the warnings travel with every reblog.
   */
  trust: StatusTrust;
  reblog: HydratedStatus | null;
  quote: HydratedQuote | null;
  viewer: ViewerFlags | null;
  viewerId: string | null;
  quotePermission: QuotePermission;
  /** The viewer's filters that matched, once a read path applied them (domain/filters). */
  filtered?: FilterMatch[];
}

type HydrateCtx = Pick<AppContext, 'db' | 'clock' | 'storage'>;

/** Loads rows (with their authors) into `into`, skipping ids already there and invalid ones. */
async function loadRows(
  db: DbOrTx,
  ids: readonly (string | null)[],
  into: Map<string, RowWithAuthor>,
): Promise<StatusRecord[]> {
  const wanted = new Set<string>();
  const found: StatusRecord[] = [];
  for (const id of ids) {
    if (id === null) continue;
    const have = into.get(id);
    if (have) found.push(have.row);
    // Ids beyond the 64-bit range cannot exist, and PostgreSQL would reject them outright.
    else if (isId(id)) wanted.add(id);
  }
  if (wanted.size === 0) return dedupe(found);
  for (const r of await selectRowsWithAuthors(db, [...wanted])) {
    into.set(r.row.id, r);
    found.push(r.row);
  }
  return dedupe(found);
}

function dedupe(rows: StatusRecord[]): StatusRecord[] {
  return rows.length < 2 ? rows : [...new Map(rows.map((r) => [r.id, r])).values()];
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function appearance(text: string, needle: string): number {
  const at = text.toLowerCase().indexOf(needle.toLowerCase());
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}

interface Loaded {
  rows: Map<string, StatusRecord>;
  accounts: Map<string, AccountRow>;
  mentions: Map<string, AccountRow[]>;
  tags: Map<string, TagRow[]>;
  media: Map<string, MediaAttachmentRow[]>;
  polls: Map<string, PollView>;
  evidence: Map<string, StatusEvidence>;
  learning: Map<string, LearningLink[]>;
  trust: Map<string, StatusTrust>;
  storage: MediaStorage;
  rel: ViewerRelations;
  muted: Set<string>;
  flags: {
    favourited: Set<string>;
    reblogged: Set<string>;
    bookmarked: Set<string>;
    pinned: Set<string>;
  } | null;
}

async function loadDetails(
  ctx: HydrateCtx,
  viewerId: string | null,
  detailRows: StatusRecord[],
  allRows: StatusRecord[],
  quotedAuthorIds: string[],
  loaded: Map<string, RowWithAuthor>,
): Promise<Omit<Loaded, 'rows'>> {
  // Rows preloaded with their own details (the home statement's `rowDetailsSql`) need no statement
  // B; it runs only for what they do not cover: reblog targets, quoted statuses, their authors.
  const preloaded: DetailRow[] = [];
  const coveredStatuses = new Set<string>();
  const coveredAuthors = new Set<string>();
  for (const r of new Map([...detailRows, ...allRows].map((row) => [row.id, row])).values()) {
    const details = loaded.get(r.id)?.details;
    if (!details) continue;
    preloaded.push(...details);
    coveredStatuses.add(r.id);
    coveredAuthors.add(r.accountId);
  }
  const detailIds = [...new Set(detailRows.map((r) => r.id))].filter((id) => !coveredStatuses.has(id));
  const allIds = [...new Set(allRows.map((r) => r.id))].filter((id) => !coveredStatuses.has(id));
  const authorIds = [...new Set(allRows.map((r) => r.accountId))].filter(
    (id) => id !== viewerId && !coveredAuthors.has(id),
  );
  const mutedIds = [...new Set(quotedAuthorIds)].filter((id) => id !== viewerId);
  const uncovered = detailIds.length + allIds.length + authorIds.length + mutedIds.length > 0;
  // NOTE: ONE prepared statement (hydrate-sql.ts): mentions, tags, media, polls and the viewer's
  // relations, mutes and flags come back as rows of a single UNION ALL.
  const fetched = uncovered
    ? await selectDetails(ctx.db, {
        detailIds,
        allIds,
        authorIds,
        quotedAuthorIds: mutedIds,
        viewerId,
        now: ctx.clock.now(),
      })
    : [];
  const rows = preloaded.length ? [...preloaded, ...fetched] : fetched;
  const sets: Record<string, Set<string>> = {
    follow: new Set(),
    blocking: new Set(),
    blocked_by: new Set(),
    muted: new Set(),
    mentioned: new Set(),
    favourited: new Set(),
    reblogged: new Set(),
    bookmarked: new Set(),
    pinned: new Set(),
  };
  const mentionMap = new Map<string, AccountRow[]>();
  const tagMap = new Map<string, TagRow[]>();
  const media = new Map<string, MediaAttachmentRow[]>();
  const pollRows = new Map<string, PollRow>();
  const votes = new Map<string, number[]>();
  const refs = new Map<string, Array<StoredReference & { position: number }>>();
  const levels = new Map<string, EvidenceLevel>();
  const learning = new Map<string, LearningLink[]>();
  const trust = new Map<string, StatusTrust>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const { k, sid, j } of rows) {
    if (k === 'm') push(mentionMap, sid, accountJson.decode(j!));
    else if (k === 't') push(tagMap, sid, tagJson.decode(j!));
    else if (k === 'a') push(media, sid, mediaJson.decode(j!));
    else if (k === 'poll') pollRows.set(sid, pollJson.decode(j!));
    else if (k === 'vote') push(votes, sid, Number(j!.c));
    else if (k === 'ref') push(refs, sid, j as unknown as StoredReference & { position: number });
    else if (k === 'level') levels.set(sid, j!.level as EvidenceLevel);
    else if (k === 'learn') push(learning, sid, j as unknown as LearningLink);
    else if (k === 'trust') trust.set(sid, decodeTrust(j));
    else sets[k]?.add(sid);
  }
  const byStatus = new Map(detailRows.map((r) => [r.id, r]));
  for (const [id, list] of mentionMap) {
    const text = byStatus.get(id)?.text ?? '';
    list.sort((a, b) => appearance(text, `@${a.username}`) - appearance(text, `@${b.username}`));
  }
  for (const [id, list] of tagMap) {
    const text = byStatus.get(id)?.text ?? '';
    list.sort((a, b) => appearance(text, `#${a.name}`) - appearance(text, `#${b.name}`));
  }
  for (const list of media.values()) {
    list.sort((a, b) => a.position - b.position || compareIds(a.id, b.id));
  }
  const evidence = new Map<string, StatusEvidence>();
  for (const id of new Set([...refs.keys(), ...levels.keys()])) {
    const list = (refs.get(id) ?? []).sort((a, b) => a.position - b.position);
    evidence.set(id, {
      level: levels.get(id) ?? null,
      references: list.map(({ kind, value, source }) => ({ kind, value, source })),
    });
  }
  const authors = new Map<string, AccountRow>();
  for (const r of detailRows) {
    const author = loaded.get(r.id)?.author;
    if (author) authors.set(author.id, author);
  }
  const rel: ViewerRelations = viewerId
    ? {
        viewerId,
        following: sets.follow!,
        blockedEither: new Set([...sets.blocking!, ...sets.blocked_by!]),
        blocking: sets.blocking!,
        mentionedIn: sets.mentioned!,
      }
    : ANONYMOUS;
  return {
    accounts: authors,
    mentions: mentionMap,
    tags: tagMap,
    media,
    polls: new Map(
      [...pollRows].map(([sid, p]) => [sid, viewPoll(p, viewerId, votes.get(sid) ?? [], ctx.clock.now())]),
    ),
    evidence,
    learning,
    trust,
    storage: ctx.storage,
    rel,
    muted: viewerId ? sets.muted! : new Set<string>(),
    flags: viewerId
      ? {
          favourited: sets.favourited!,
          reblogged: sets.reblogged!,
          bookmarked: sets.bookmarked!,
          pinned: sets.pinned!,
        }
      : null,
  };
}

const NO_LINKS: LearningLink[] = [];

function sortLinks(links: LearningLink[] | undefined): LearningLink[] {
  if (!links) return NO_LINKS;
  return links.sort((a, b) => a.type.localeCompare(b.type) || compareIds(a.id, b.id));
}

function node(l: Loaded, row: StatusRecord, quote: HydratedQuote | null): HydratedStatus | null {
  const account = l.accounts.get(row.accountId);
  if (!account) return null;
  const flags = l.flags;
  return {
    row,
    account,
    mentions: l.mentions.get(row.id) ?? [],
    tags: l.tags.get(row.id) ?? [],
    media: l.media.get(row.id) ?? [],
    mediaStorage: l.storage,
    poll: l.polls.get(row.id) ?? null,
    evidence: l.evidence.get(row.id) ?? NO_EVIDENCE,
    learning: sortLinks(l.learning.get(row.id)),
    trust: l.trust.get(row.id) ?? NO_TRUST,
    reblog: null,
    quote,
    viewer: flags
      ? {
          favourited: flags.favourited.has(row.id),
          reblogged: flags.reblogged.has(row.id),
          bookmarked: flags.bookmarked.has(row.id),
          pinned: flags.pinned.has(row.id),
          muted: false,
        }
      : null,
    viewerId: l.rel.viewerId,
    quotePermission: quotePermission(row, l.rel),
  };
}

function quoteStateOf(l: Loaded, quoted: StatusRecord | undefined): QuoteState {
  if (!quoted) return 'deleted';
  if (l.rel.blocking.has(quoted.accountId)) return 'blocked_account';
  if (!canSeeRow(quoted, l.rel)) return 'unauthorized';
  if (l.muted.has(quoted.accountId)) return 'muted_account';
  return 'accepted';
}

function shallowQuote(l: Loaded, row: StatusRecord): HydratedQuote | null {
  if (row.quoteOfId === null) return null;
  const state = quoteStateOf(l, l.rows.get(row.quoteOfId));
  const shown = state === 'accepted' || state === 'muted_account';
  return { state, quotedStatusId: shown ? row.quoteOfId : null, status: null, shallow: true };
}

function fullQuote(l: Loaded, row: StatusRecord): HydratedQuote | null {
  if (row.quoteOfId === null) return null;
  const quoted = l.rows.get(row.quoteOfId);
  const state = quoteStateOf(l, quoted);
  if ((state !== 'accepted' && state !== 'muted_account') || !quoted) {
    return { state, quotedStatusId: null, status: null, shallow: false };
  }
  const inner = node(l, quoted, shallowQuote(l, quoted));
  return inner
    ? { state, quotedStatusId: quoted.id, status: inner, shallow: false }
    : { state: 'deleted', quotedStatusId: null, status: null, shallow: false };
}

/** Builds the presentable tree for one content (non-reblog) row. */
function contentNode(l: Loaded, row: StatusRecord): HydratedStatus | null {
  return node(l, row, fullQuote(l, row));
}

/**
 * Hydrates statuses for a viewer in bulk: the rows, reblog targets, quoted statuses (one level; a
 * quote inside a quote is shallow), authors, mentions, tags, media and the viewer's flags, with a fixed
 * number of queries whatever the number of ids. Applies visibility: a row the viewer may not see,
 * or a reblog whose target they may not see, is dropped; an invisible quoted status becomes quote
 * state `unauthorized`. Returns the visible statuses in the order of `ids`.
 */
export async function hydrateStatuses(
  ctx: HydrateCtx,
  ids: readonly string[],
  viewerAccountId: string | null,
  /** Rows (with authors) the caller already loaded, e.g. in the same statement as the ids. */
  preloaded: readonly RowWithAuthor[] = [],
): Promise<HydratedStatus[]> {
  if (ids.length === 0) return [];
  const db = ctx.db;
  const loaded = new Map<string, RowWithAuthor>(preloaded.map((r) => [r.row.id, r]));
  const top = await loadRows(db, ids, loaded);
  // Reblog targets and quoted statuses are rarer: follow-up loads only when a page has them.
  const targets = await loadRows(
    db,
    top.map((r) => r.reblogOfId),
    loaded,
  );
  const content = [...top.filter((r) => r.reblogOfId === null), ...targets];
  const quoted = await loadRows(
    db,
    content.map((r) => r.quoteOfId),
    loaded,
  );
  const inner = await loadRows(
    db,
    quoted.map((r) => r.quoteOfId),
    loaded,
  );
  const all = [...top, ...targets, ...quoted, ...inner];
  const rows = new Map(all.map((r) => [r.id, r]));
  const detail = [...new Map([...top, ...targets, ...quoted].map((r) => [r.id, r])).values()];
  const details = await loadDetails(
    ctx,
    viewerAccountId,
    detail,
    all,
    [...quoted, ...inner].map((r) => r.accountId),
    loaded,
  );
  const l: Loaded = { rows, ...details };
  const topById = new Map(top.map((r) => [r.id, r]));

  const out: HydratedStatus[] = [];
  for (const id of ids) {
    const row = topById.get(id);
    if (!row || !canSeeRow(row, l.rel)) continue;
    if (row.reblogOfId === null) {
      const n = contentNode(l, row);
      if (n) out.push(n);
      continue;
    }
    const target = rows.get(row.reblogOfId);
    if (!target || !canSeeRow(target, l.rel)) continue;
    const wrapped = contentNode(l, target);
    const wrapper = node(l, row, null);
    if (!wrapped || !wrapper) continue;
    // A reblog wrapper shows the viewer's flags for the reblogged post (what clients act on).
    wrapper.viewer = wrapped.viewer ? { ...wrapped.viewer, pinned: false } : null;
    wrapper.reblog = wrapped;
    wrapper.trust = wrapped.trust;
    out.push(wrapper);
  }
  return out;
}

/** Hydrates one status for a viewer; null when it does not exist or is not visible. */
export async function findHydratedStatus(
  ctx: HydrateCtx,
  id: string,
  viewerAccountId: string | null,
): Promise<HydratedStatus | null> {
  const [h] = await hydrateStatuses(ctx, [id], viewerAccountId);
  return h ?? null;
}
