import { z } from 'zod';
import { QUOTE_POLICIES, VISIBILITIES, zBool, zId, zStringList } from './params.ts';
import { zEditPollParams, zOptionalPollParams } from './polls.ts';

/** ISO 639-1 codes, plus the few ISO 639-3 codes Mastodon also accepts for posts. */
export const STATUS_LANGUAGES: readonly string[] = (
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik ' +
  'io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml ' +
  'mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd ' +
  'se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi ' +
  'vo wa wo xh yi yo za zh zu ast ckb cnr jbo kab kmr ldn lfn sco sma smj szl tok zba zgh'
).split(' ');

const LANGUAGE_SET = new Set(STATUS_LANGUAGES);

export function isStatusLanguage(code: string): boolean {
  return LANGUAGE_SET.has(code.toLowerCase());
}

/** Clients send `""` or `null` for "not given" in forms and JSON alike. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
}

const zLanguage = z
  .string()
  .trim()
  .refine(isStatusLanguage, 'must be an ISO 639-1 language code such as "en"')
  .transform((v) => v.toLowerCase());

/** POST /api/v1/statuses. Scheduling is parsed so it can be refused clearly. */
export const zCreateStatusParams = z.object({
  status: z.string({ message: 'must be text' }).optional(),
  spoiler_text: z.preprocess((v) => (v === null ? undefined : v), z.string().optional()),
  sensitive: optional(zBool),
  visibility: optional(z.enum(VISIBILITIES, { message: 'must be public, unlisted, private or direct' })),
  language: optional(zLanguage),
  in_reply_to_id: optional(zId),
  quoted_status_id: optional(zId),
  quote_approval_policy: optional(z.enum(QUOTE_POLICIES, { message: 'must be public, followers or nobody' })),
  media_ids: optional(zStringList),
  poll: zOptionalPollParams,
  scheduled_at: optional(z.string()),
});
export type CreateStatusParams = z.output<typeof zCreateStatusParams>;

/** One entry of an edit's `media_attributes[]`: new alt text or focal point for an attachment. */
const zMediaAttribute = z.object({
  id: zId,
  description: z.string({ message: 'must be text' }).nullable().optional(),
  focus: z.string({ message: 'must be "x,y"' }).nullable().optional(),
});

/**
 * `media_attributes` as clients send it: a JSON array, one JSON object, or Rails-style form keys
 * (`media_attributes[][id]=…` reads as an array, `media_attributes[0][id]=…` as a hash by index).
 */
const zMediaAttributes = z.preprocess((v) => {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v;
  if (typeof v === 'object') {
    const record = v as Record<string, unknown>;
    return 'id' in record && (record.id === null || typeof record.id !== 'object')
      ? [record]
      : Object.values(record);
  }
  return v;
}, z.array(zMediaAttribute, { message: 'must be a list of {id, description, focus}' }).optional());
export type MediaAttributeParams = z.output<typeof zMediaAttribute>;

/** PUT /api/v1/statuses/:id: only what is given changes. */
export const zEditStatusParams = z.object({
  status: z.preprocess((v) => (v === null ? undefined : v), z.string({ message: 'must be text' }).optional()),
  spoiler_text: z.preprocess((v) => (v === null ? undefined : v), z.string().optional()),
  sensitive: optional(zBool),
  language: optional(zLanguage),
  quote_approval_policy: optional(z.enum(QUOTE_POLICIES, { message: 'must be public, followers or nobody' })),
  media_ids: optional(zStringList),
  media_attributes: zMediaAttributes,
  poll: zEditPollParams,
});
export type EditStatusParams = z.output<typeof zEditStatusParams>;

/** POST /api/v1/statuses/:id/reblog. */
export const zReblogParams = z.object({
  visibility: optional(
    z.enum(['public', 'unlisted', 'private'], { message: 'must be public, unlisted or private' }),
  ),
});

/** GET /api/v1/statuses?id[]=…: at most 20 ids, as Mastodon. */
export const zStatusIdsParams = z.object({
  id: z.preprocess(
    (v) =>
      v === undefined
        ? []
        : Array.isArray(v)
          ? v
          : typeof v === 'object' && v !== null
            ? Object.values(v)
            : [v],
    z.array(zId).max(20, 'at most 20 ids'),
  ),
});
