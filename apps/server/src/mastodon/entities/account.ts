import type { Config } from '../../config/index.ts';
import type { AccountRow, UserRow } from '../../db/schema/index.ts';
import type { StoredPostingDefaults } from '../../domain/accounts/preferences.ts';
import { renderContent } from '../../domain/text/render.ts';
import { renderCredentialBadges, verifiedCredentialFields } from './credential-badge.ts';
import { disclosureFields, renderDisclosures } from './trust.ts';

const noMentions = new Map();

export function accountUrl(config: Config, account: Pick<AccountRow, 'username'>): string {
  return `${config.publicUrl}/@${account.username}`;
}

export function accountUri(config: Config, account: Pick<AccountRow, 'username'>): string {
  return `${config.publicUrl}/users/${account.username}`;
}

function renderField(config: Config, value: string): string {
  return renderProfileText(config, value).replace(/^<p>|<\/p>$/g, '');
}

/** Rendered bios and field values, by origin and source text (see `renderProfileText`). */
const renderedProfileText = new Map<string, string>();
const MAX_RENDERED_PROFILE_TEXTS = 5_000;

/**
 * A bio or field value as HTML. Authors repeat on every page of statuses and sanitising is the
 * costly part of rendering an account, so each distinct text is rendered once per process (the
 * output depends only on the text and the origin); the memo is emptied when it fills.
 */
function renderProfileText(config: Config, text: string): string {
  if (text === '') return '';
  const key = `${config.publicUrl}\n${text}`;
  let html = renderedProfileText.get(key);
  if (html === undefined) {
    html = renderContent(text, { publicUrl: config.publicUrl, mentions: noMentions });
    if (renderedProfileText.size >= MAX_RENDERED_PROFILE_TEXTS) renderedProfileText.clear();
    renderedProfileText.set(key, html);
  }
  return html;
}

/** Mastodon's Account entity. */
export function renderAccount(config: Config, a: AccountRow) {
  const avatar = a.avatarUrl ?? `${config.publicUrl}/avatars/original/missing.png`;
  const header = a.headerUrl ?? `${config.publicUrl}/headers/original/missing.png`;
  return {
    id: a.id,
    username: a.username,
    acct: a.domain ? `${a.username}@${a.domain}` : a.username,
    display_name: a.displayName,
    locked: a.locked,
    bot: a.bot,
    discoverable: a.discoverable,
    indexable: a.indexable,
    group: false,
    created_at: new Date(
      Date.UTC(a.createdAt.getUTCFullYear(), a.createdAt.getUTCMonth(), a.createdAt.getUTCDate()),
    ).toISOString(),
    note: renderProfileText(config, a.note),
    url: accountUrl(config, a),
    uri: accountUri(config, a),
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: a.followersCount,
    following_count: a.followingCount,
    statuses_count: a.statusesCount,
    last_status_at: a.lastStatusAt ? a.lastStatusAt.toISOString().slice(0, 10) : null,
    hide_collections: a.hideCollections,
    noindex: !a.indexable,
    emojis: [],
    roles: [],
    // Verified credentials first, as fields other Mastodon apps show with their verified mark.
    fields: [
      ...verifiedCredentialFields(a.verifiedCredentials),
      // Declared competing interests (domain/trust), never with a verified mark.
      ...disclosureFields(a.disclosures),
      ...a.fields.map((f) => ({
        name: f.name,
        value: renderField(config, f.value),
        verified_at: f.verifiedAt,
      })),
    ],
    /**
     * The Rounds extension: verified, unrevoked, unexpired credentials (domain/credentials) and
     * declared competing interests (domain/trust).
     */
    rounds: {
      credentials: renderCredentialBadges(a.verifiedCredentials),
      disclosures: renderDisclosures(a.disclosures),
    },
  };
}

export type AccountEntity = ReturnType<typeof renderAccount>;

/**
 * The signed-in user's own account (the one their token acts as: decision 0009), with `source` for
 * editing (that account's posting defaults) and `role` (the user's).
 */
export function renderCredentialAccount(
  config: Config,
  a: AccountRow,
  user: UserRow,
  posting: StoredPostingDefaults,
  followRequestsCount: number,
) {
  return {
    ...renderAccount(config, a),
    source: {
      privacy: posting.visibility,
      sensitive: posting.sensitive,
      language: posting.language,
      note: a.note,
      fields: a.fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verifiedAt })),
      follow_requests_count: followRequestsCount,
      hide_collections: a.hideCollections,
      discoverable: a.discoverable,
      indexable: a.indexable,
      quote_policy: a.defaultQuotePolicy,
    },
    role: {
      id: user.role === 'admin' ? '3' : user.role === 'moderator' ? '2' : '-99',
      name: user.role === 'user' ? '' : user.role[0]!.toUpperCase() + user.role.slice(1),
      color: '',
      permissions: user.role === 'admin' ? '1' : user.role === 'moderator' ? '1024' : '0',
      highlighted: user.role !== 'user',
    },
  };
}
