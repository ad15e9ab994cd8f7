import { z } from 'zod';
import { normalizeTag } from '../domain/text/parse.ts';

/**
 * Bus channel names (Mastodon's Redis channel names, so operators recognise them) and the
 * envelopes sent on them. Envelopes carry ids, never rendered entities: each process renders for
 * its own subscribers, which keeps messages far below NOTIFY's 8000-byte limit and lets every
 * viewer get the status as they may see it.
 */
export const channels = {
  public: 'timeline:public',
  publicLocal: 'timeline:public:local',
  publicRemote: 'timeline:public:remote',
  hashtag: (tag: string) => `timeline:hashtag:${normalizeTag(tag)}`,
  hashtagLocal: (tag: string) => `timeline:hashtag:local:${normalizeTag(tag)}`,
  /** An account's home feed and own stream. */
  home: (accountId: string) => `timeline:${accountId}`,
  notifications: (accountId: string) => `timeline:${accountId}:notifications`,
  direct: (accountId: string) => `timeline:direct:${accountId}`,
  list: (listId: string) => `timeline:list:${listId}`,
  /** Every process listens here: deletes, token revocations, relationship changes. */
  global: 'streaming:global',
} as const;

const id = z.string().regex(/^\d{1,20}$/);

const EnvelopeSchema = z.discriminatedUnion('e', [
  z.object({
    e: z.enum(['update', 'status.update']),
    /** The status (a reblog row for a reblog). */
    id,
    /** Its author: the renderer hydrates as them, who can always see it. */
    a: id,
    /** Version, so an edit is never answered from the render cache of the previous text. */
    v: z.string().max(40),
    /** Just created: nobody can have favourited, reblogged or bookmarked it yet. */
    fresh: z.boolean().optional(),
  }),
  z.object({ e: z.literal('conversation'), id, a: id, v: z.string().max(40), conv: id }),
  z.object({ e: z.literal('notification'), id }),
  /** On an account's home channel for its clients; on the global one (with `account`) for caches. */
  z.object({ e: z.literal('filters_changed'), account: id.optional() }),
  z.object({ e: z.literal('delete'), id }),
  z.object({ e: z.literal('revoke'), token: id }),
  z.object({ e: z.literal('relations'), accounts: z.array(id).max(10) }),
]);

export type Envelope = z.infer<typeof EnvelopeSchema>;
export type StatusEnvelope = Extract<Envelope, { e: 'update' | 'status.update' }>;
export type ConversationEnvelope = Extract<Envelope, { e: 'conversation' }>;

export function encodeEnvelope(envelope: Envelope): string {
  return JSON.stringify(envelope);
}

/** Null for anything malformed: a bus shared with other software must not crash the hub. */
export function decodeEnvelope(raw: string): Envelope | null {
  try {
    const parsed = EnvelopeSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
