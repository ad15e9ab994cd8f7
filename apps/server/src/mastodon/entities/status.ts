import type { RoundsStatusExtension } from '@rounds/contract';
import type { Config } from '../../config/index.ts';
import type { AppContext } from '../../context.ts';
import type {
  AccountRow,
  FilterContext,
  MediaAttachmentRow,
  StatusEditRow,
  Visibility,
} from '../../db/schema/index.ts';
import { renderEvidenceLine } from '../../domain/evidence/index.ts';
import { applyFilters } from '../../domain/filters/apply.ts';
import {
  type HydratedQuote,
  type HydratedStatus,
  hydrateStatuses,
  type QuoteState,
} from '../../domain/statuses/hydrate.ts';
import type { RowWithAuthor } from '../../domain/statuses/hydrate-sql.ts';
import type { StatusRecord } from '../../domain/statuses/lookup.ts';
import { effectiveQuotePolicy, type QuotePermission } from '../../domain/statuses/quote-policy.ts';
import { escapeHtml } from '../../domain/text/render.ts';
import { renderQuotedCorrectionLine, renderTrustLines } from '../../domain/trust/lines.ts';
import { type AccountEntity, accountUrl, renderAccount } from './account.ts';
import { type FilterResultEntity, renderFilterResult } from './filter.ts';
import { type MediaAttachmentEntity, renderMediaAttachment } from './media-attachment.ts';
import { type PollEntity, renderEditPoll, renderPoll } from './poll.ts';
import { renderRoundsExtension } from './rounds.ts';
import { renderStatusTag, type StatusTagEntity } from './tag.ts';

export function statusUri(config: Config, account: Pick<AccountRow, 'username'>, id: string): string {
  return `${config.publicUrl}/users/${account.username}/statuses/${id}`;
}

export function statusUrl(config: Config, account: Pick<AccountRow, 'username'>, id: string): string {
  return `${config.publicUrl}/@${account.username}/${id}`;
}

export interface QuoteEntity {
  state: QuoteState;
  quoted_status: StatusEntity | null;
}

export interface ShallowQuoteEntity {
  state: QuoteState;
  quoted_status_id: string | null;
}

export interface QuoteApprovalEntity {
  automatic: Array<'public' | 'followers'>;
  manual: never[];
  current_user: QuotePermission;
}

export interface StatusMentionEntity {
  id: string;
  username: string;
  url: string;
  acct: string;
}

/** Mastodon's Status entity. Viewer flags are present only for a signed-in viewer. */
export interface StatusEntity {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: Visibility;
  language: string | null;
  uri: string;
  url: string;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  quotes_count: number;
  edited_at: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  content: string;
  /** Only in the response to DELETE, for delete-and-redraft. */
  text?: string;
  reblog: StatusEntity | null;
  application: null;
  account: AccountEntity;
  media_attachments: MediaAttachmentEntity[];
  mentions: StatusMentionEntity[];
  tags: StatusTagEntity[];
  emojis: never[];
  card: null;
  poll: PollEntity | null;
  quote: QuoteEntity | ShallowQuoteEntity | null;
  quote_approval: QuoteApprovalEntity;
  /** The viewer's matching filters, where a read path applied them (timelines, threads, notifications). */
  filtered?: FilterResultEntity[];
  /** Rounds' extension (references, evidence level); Mastodon apps ignore it. */
  rounds: RoundsStatusExtension;
}

function renderMention(config: Config, a: AccountRow): StatusMentionEntity {
  return {
    id: a.id,
    username: a.username,
    url: accountUrl(config, a),
    acct: a.domain ? `${a.username}@${a.domain}` : a.username,
  };
}

function renderQuote(config: Config, q: HydratedQuote | null): QuoteEntity | ShallowQuoteEntity | null {
  if (!q) return null;
  if (q.shallow) return { state: q.state, quoted_status_id: q.quotedStatusId };
  return { state: q.state, quoted_status: q.status ? renderStatus(config, q.status) : null };
}

function quoteApproval(row: StatusRecord, current: QuotePermission): QuoteApprovalEntity {
  const policy = effectiveQuotePolicy(row);
  return {
    automatic: policy === 'public' ? ['public'] : policy === 'followers' ? ['followers'] : [],
    manual: [],
    current_user: current,
  };
}

/**
 * Older clients know nothing of quotes; like Mastodon, say "RE: <link>" before the text when the
 * text does not link the quoted post already. Newer clients hide the `quote-inline` paragraph.
 */
function withQuoteInline(config: Config, h: HydratedStatus, content: string): string {
  const quoted = h.quote?.status;
  if (!quoted) return content;
  const url = statusUrl(config, quoted.account, quoted.row.id);
  if (h.row.text.includes(url)) return content;
  const link = `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener noreferrer">${escapeHtml(url.replace(/^https?:\/\//, ''))}</a>`;
  return `<p class="quote-inline">RE: ${link}</p>${content}`;
}

/** Renders a hydrated status as Mastodon's Status entity. */
export function renderStatus(
  config: Config,
  h: HydratedStatus,
  options: { withSource?: boolean } = {},
): StatusEntity {
  const row = h.row;
  const entity: StatusEntity = {
    id: row.id,
    created_at: row.createdAt.toISOString(),
    in_reply_to_id: row.inReplyToId,
    in_reply_to_account_id: row.inReplyToAccountId,
    sensitive: row.sensitive,
    spoiler_text: row.spoilerText,
    visibility: row.visibility,
    language: row.language,
    uri: row.uri ?? statusUri(config, h.account, row.id),
    url: statusUrl(config, h.account, row.id),
    replies_count: row.repliesCount,
    reblogs_count: row.reblogsCount,
    favourites_count: row.favouritesCount,
    quotes_count: row.quotesCount,
    edited_at: row.editedAt ? row.editedAt.toISOString() : null,
    ...(h.viewer
      ? {
          favourited: h.viewer.favourited,
          reblogged: h.viewer.reblogged,
          muted: h.viewer.muted,
          bookmarked: h.viewer.bookmarked,
          ...(h.viewerId === row.accountId && row.reblogOfId === null ? { pinned: h.viewer.pinned } : {}),
        }
      : {}),
    // The evidence and trust lines go after the text, so apps that know nothing of `rounds` show
    // them too (a reblog's own content stays empty: apps show the reblogged post's).
    content:
      withQuoteInline(config, h, row.contentHtml) +
      renderEvidenceLine(h.evidence) +
      (h.reblog ? '' : renderTrustLines(h.trust) + renderQuotedCorrectionLine(h.quote?.status?.trust)),
    ...(options.withSource ? { text: row.text } : {}),
    reblog: h.reblog ? renderStatus(config, h.reblog) : null,
    application: null,
    account: renderAccount(config, h.account),
    media_attachments: h.media.map((m) => renderMediaAttachment(h.mediaStorage, m)),
    mentions: h.mentions.map((a) => renderMention(config, a)),
    tags: h.tags.map((t) => renderStatusTag(config, t)),
    emojis: [],
    card: null,
    poll: h.poll ? renderPoll(h.poll) : null,
    quote: renderQuote(config, h.quote),
    quote_approval: quoteApproval(row, h.quotePermission),
    ...(h.filtered ? { filtered: h.filtered.map(renderFilterResult) } : {}),
    rounds: renderRoundsExtension(h.evidence, h.learning, h.trust),
  };
  return entity;
}

/**
 * The read pipeline's last stages for any list of status ids: hydrate in bulk for the viewer
 * (dropping what they may not see), apply the viewer's filters for `filterContext` when given
 * (timelines), and render, in the order of `ids`.
 */
export async function presentStatuses(
  ctx: AppContext,
  ids: readonly string[],
  viewerAccountId: string | null,
  preloaded?: readonly RowWithAuthor[],
  filterContext?: FilterContext,
): Promise<StatusEntity[]> {
  const hydrating = hydrateStatuses(ctx, ids, viewerAccountId, preloaded);
  const hydrated = filterContext
    ? await applyFilters(ctx, viewerAccountId, filterContext, hydrating)
    : await hydrating;
  return hydrated.map((h) => renderStatus(ctx.config, h));
}

/** Mastodon's StatusSource entity. */
export function renderStatusSource(row: Pick<StatusRecord, 'id' | 'text' | 'spoilerText'>) {
  return { id: row.id, text: row.text, spoiler_text: row.spoilerText };
}

/**
 * One version of a status for /history (Mastodon's StatusEdit). `media` are the status's current
 * attachments: earlier versions' media are not kept, so each version shows these.
 */
export function renderStatusEdit(
  ctx: Pick<AppContext, 'config' | 'storage'>,
  account: AccountRow,
  version: Pick<StatusEditRow, 'contentHtml' | 'spoilerText' | 'sensitive' | 'createdAt'> & {
    pollOptions?: readonly string[] | null;
  },
  media: readonly MediaAttachmentRow[],
) {
  return {
    content: version.contentHtml,
    spoiler_text: version.spoilerText,
    sensitive: version.sensitive,
    created_at: version.createdAt.toISOString(),
    account: renderAccount(ctx.config, account),
    poll: renderEditPoll(version.pollOptions),
    media_attachments: media.map((m) => renderMediaAttachment(ctx.storage, m)),
    emojis: [],
  };
}

/** Mastodon's Context entity. */
export function renderContext(config: Config, ancestors: HydratedStatus[], descendants: HydratedStatus[]) {
  return {
    ancestors: ancestors.map((h) => renderStatus(config, h)),
    descendants: descendants.map((h) => renderStatus(config, h)),
  };
}
