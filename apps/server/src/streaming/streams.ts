import type { AppContext } from '../context.ts';
import { findOwnedList } from '../domain/lists/index.ts';
import { hasScope } from '../domain/oauth/scopes.ts';
import { isValidTagName, normalizeTag } from '../domain/text/parse.ts';
import { channels } from './channels.ts';

/** Mastodon's stream kinds (docs.joinmastodon.org/methods/streaming/#streams). */
export type StreamKind =
  | 'user'
  | 'user:notification'
  | 'public'
  | 'public:local'
  | 'public:remote'
  | 'hashtag'
  | 'hashtag:local'
  | 'list'
  | 'direct';

/** One subscription's routing: which bus channels feed it and how its messages are labelled. */
export interface StreamSpec {
  /** Identifies the subscription within a connection (subscribing twice is a no-op). */
  key: string;
  kind: StreamKind;
  /** The `stream` array of outgoing messages, e.g. ["hashtag", "pocus"]. */
  name: string[];
  channels: string[];
  onlyMedia: boolean;
  /** Hide authors the viewer mutes or blocks (public, hashtag and list streams, as Mastodon). */
  filtered: boolean;
}

/** A stream request Mastodon would refuse; `status` as its streaming server reports it. */
export class StreamRequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'StreamRequestError';
  }
}

export interface StreamParams {
  stream?: string | undefined;
  tag?: string | undefined;
  list?: string | undefined;
  onlyMedia?: boolean | undefined;
}

export interface StreamViewer {
  accountId: string;
  scopes: readonly string[];
}

// A Map, not an object literal: stream names come from clients ("constructor" must not match).
const PUBLIC_KINDS = new Map<string, { kind: StreamKind; channel: string; onlyMedia: boolean }>([
  ['public', { kind: 'public', channel: channels.public, onlyMedia: false }],
  ['public:media', { kind: 'public', channel: channels.public, onlyMedia: true }],
  ['public:local', { kind: 'public:local', channel: channels.publicLocal, onlyMedia: false }],
  ['public:local:media', { kind: 'public:local', channel: channels.publicLocal, onlyMedia: true }],
  ['public:remote', { kind: 'public:remote', channel: channels.publicRemote, onlyMedia: false }],
  ['public:remote:media', { kind: 'public:remote', channel: channels.publicRemote, onlyMedia: true }],
]);

function requireScope(viewer: StreamViewer, scope: string): void {
  if (!hasScope(viewer.scopes, scope)) {
    throw new StreamRequestError(401, 'Access token does not have the required scopes');
  }
}

function tagOf(params: StreamParams): string {
  const raw = (params.tag ?? '').trim().replace(/^#/, '');
  if (!raw) throw new StreamRequestError(400, 'Missing tag name parameter');
  if (!isValidTagName(raw)) throw new StreamRequestError(400, 'Invalid tag name');
  return raw;
}

/** Whether `accountId` may stream list `listId`: only its owner may (as Mastodon). */
async function canStreamList(ctx: AppContext, accountId: string, listId: string): Promise<boolean> {
  return (await findOwnedList(ctx.db, accountId, listId)) !== null;
}

/**
 * Turns a subscribe request (WebSocket message, query string or SSE path) into a StreamSpec,
 * checking the token's scopes as Mastodon does: `read:statuses` for timelines, `read:notifications`
 * for `user:notification` (`read` covers both). Throws StreamRequestError for anything else.
 */
export async function resolveStream(
  ctx: AppContext,
  params: StreamParams,
  viewer: StreamViewer,
): Promise<StreamSpec> {
  const stream = params.stream ?? '';
  const me = viewer.accountId;
  const publicName = params.onlyMedia && !stream.endsWith(':media') ? `${stream}:media` : stream;
  const publicKind = PUBLIC_KINDS.get(publicName);
  if (publicKind) {
    requireScope(viewer, 'read:statuses');
    return {
      key: publicName,
      kind: publicKind.kind,
      name: [publicName],
      channels: [publicKind.channel],
      onlyMedia: publicKind.onlyMedia,
      filtered: true,
    };
  }
  switch (stream) {
    case 'user':
      requireScope(viewer, 'read:statuses');
      return {
        key: 'user',
        kind: 'user',
        name: ['user'],
        channels: [channels.home(me), channels.notifications(me)],
        onlyMedia: false,
        filtered: false,
      };
    case 'user:notification':
      requireScope(viewer, 'read:notifications');
      return {
        key: 'user:notification',
        kind: 'user:notification',
        name: ['user:notification'],
        channels: [channels.notifications(me)],
        onlyMedia: false,
        filtered: false,
      };
    case 'direct':
      requireScope(viewer, 'read:statuses');
      return {
        key: 'direct',
        kind: 'direct',
        name: ['direct'],
        channels: [channels.direct(me)],
        onlyMedia: false,
        filtered: false,
      };
    case 'hashtag':
    case 'hashtag:local': {
      requireScope(viewer, 'read:statuses');
      const tag = tagOf(params);
      return {
        key: `${stream}:${normalizeTag(tag)}`,
        kind: stream,
        name: [stream, tag],
        channels: [stream === 'hashtag' ? channels.hashtag(tag) : channels.hashtagLocal(tag)],
        onlyMedia: false,
        filtered: true,
      };
    }
    case 'list': {
      requireScope(viewer, 'read:statuses');
      const list = (params.list ?? '').trim();
      if (!list) throw new StreamRequestError(400, 'Missing list name parameter');
      if (!/^\d{1,20}$/.test(list) || !(await canStreamList(ctx, me, list))) {
        throw new StreamRequestError(401, 'Not authorized to stream this list');
      }
      return {
        key: `list:${list}`,
        kind: 'list',
        name: ['list', list],
        channels: [channels.list(list)],
        onlyMedia: false,
        filtered: true,
      };
    }
    default:
      throw new StreamRequestError(400, 'Unknown stream type');
  }
}
