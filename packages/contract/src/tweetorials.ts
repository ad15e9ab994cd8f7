import { z } from 'zod';
import {
  MAX_ATTACHED_REFERENCES,
  zEvidenceLevel,
  zReference,
  zReferenceParam,
  zRoundsStatus,
} from './evidence.ts';
import { zBloomLevel } from './learning.ts';
import { zId, zInt, zPageParams, zStringList } from './params.ts';
import { isStatusLanguage } from './statuses.ts';

/**
 * Tweetorials (issue 6): a titled, numbered self-reply thread with learning objectives, a target
 * audience, a Bloom level and references, published at once and edited as a unit (each edit a new
 * version). Served under /api/rounds/v1/tweetorials; documented in docs/rounds-api.md.
 */

export const TWEETORIAL_LIMITS = {
  minParts: 2,
  maxParts: 25,
  /** Per part, counted as Mastodon counts a status (a link counts 23); the "1/n" number, title and hashtags Rounds adds are not counted. */
  partChars: 500,
  titleChars: 200,
  maxObjectives: 10,
  objectiveChars: 300,
  maxTags: 10,
  reflectionChars: 5000,
  /** A day: longer is not a measured reading time. */
  maxTimeSpentSeconds: 86_400,
} as const;

/** Who a tweetorial is written for (a controlled list; codes are stable). */
export const TWEETORIAL_AUDIENCES = [
  'students',
  'residents',
  'physicians',
  'nurses',
  'pharmacists',
  'allied_health',
  'general_public',
] as const;
export type TweetorialAudience = (typeof TWEETORIAL_AUDIENCES)[number];

/** A tweetorial's audience: as statuses, without `direct`. */
export const TWEETORIAL_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export type TweetorialVisibility = (typeof TWEETORIAL_VISIBILITIES)[number];

/** A list as JSON (`[...]`), Rails form keys (`a[]=…` or `a[0]=…`) or one value; absent is empty. */
function listOf<T extends z.ZodType>(list: z.ZodArray<T>) {
  return z.preprocess(
    (v) =>
      v === undefined || v === null || v === ''
        ? []
        : Array.isArray(v)
          ? v
          : typeof v === 'object'
            ? Object.values(v)
            : [v],
    list,
  );
}

/** `""` and `null` mean "not given", as Mastodon clients send them. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
}

const TAG_NAME = /^#?[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*$/u;

export const zTweetorialPartParams = z
  .object({
    text: z
      .string({ message: 'must be text' })
      .max(5000, `is too long (at most ${TWEETORIAL_LIMITS.partChars} characters)`)
      .default('')
      .meta({
        description: `The part's text, at most ${TWEETORIAL_LIMITS.partChars} characters as Mastodon counts them (a link counts 23); empty only with media`,
      }),
    media_ids: optional(zStringList).meta({
      description: 'Uploads (POST /api/v2/media) to attach, at most 4, in order',
    }),
  })
  .meta({ id: 'TweetorialPartParams' });
export type TweetorialPartParams = z.output<typeof zTweetorialPartParams>;

/**
 * POST /api/rounds/v1/tweetorials (publish) and PUT /api/rounds/v1/tweetorials/{id} (a new
 * version: every field again, as the whole tweetorial reads after the edit). Only the shape is
 * checked here; the part length (counted as Mastodon counts) and the PHI guard are the server's.
 */
export const zTweetorialParams = z
  .object({
    title: z
      .string({ message: 'is required' })
      .trim()
      .min(1, 'is required')
      .max(TWEETORIAL_LIMITS.titleChars, `is too long (at most ${TWEETORIAL_LIMITS.titleChars} characters)`)
      .meta({ description: 'Shown on part 1 and in the reading view' }),
    objectives: listOf(
      z
        .array(
          z
            .string({ message: 'must be text' })
            .trim()
            .min(1, "can't be blank")
            .max(
              TWEETORIAL_LIMITS.objectiveChars,
              `is too long (at most ${TWEETORIAL_LIMITS.objectiveChars} characters)`,
            ),
          { message: 'must be a list of learning objectives' },
        )
        .max(TWEETORIAL_LIMITS.maxObjectives, `at most ${TWEETORIAL_LIMITS.maxObjectives} objectives`),
    ).meta({ description: 'Learning objectives ("By the end you can …"), in order' }),
    parts: listOf(
      z
        .array(zTweetorialPartParams, { message: 'must be a list of parts ({"text": …, "media_ids": […]})' })
        .min(TWEETORIAL_LIMITS.minParts, `a tweetorial has at least ${TWEETORIAL_LIMITS.minParts} parts`)
        .max(TWEETORIAL_LIMITS.maxParts, `a tweetorial has at most ${TWEETORIAL_LIMITS.maxParts} parts`),
    ).meta({
      description: `The parts in reading order, ${TWEETORIAL_LIMITS.minParts} to ${TWEETORIAL_LIMITS.maxParts}`,
    }),
    references: listOf(
      z
        .array(zReferenceParam, { message: 'must be a list of references' })
        .max(MAX_ATTACHED_REFERENCES, `at most ${MAX_ATTACHED_REFERENCES} references`),
    ).meta({
      description:
        'DOIs, PubMed ids or URLs ({"doi": …}, {"pmid": …}, {"url": …} or a string); attached to part 1',
    }),
    evidence_level: optional(zEvidenceLevel).meta({
      description: 'The evidence level of the references, shown on part 1',
    }),
    tags: listOf(
      z
        .array(
          z
            .string({ message: 'must be text' })
            .trim()
            .max(101, 'is too long (at most 100 characters)')
            .regex(TAG_NAME, 'must be a hashtag (letters, digits and _, not only digits)'),
          { message: 'must be a list of hashtags' },
        )
        .max(TWEETORIAL_LIMITS.maxTags, `at most ${TWEETORIAL_LIMITS.maxTags} hashtags`),
    ).meta({ description: 'Topic hashtags, with or without "#"; added to part 1 where not written there' }),
    audience: listOf(
      z.array(
        z.enum(TWEETORIAL_AUDIENCES, { message: `must be one of ${TWEETORIAL_AUDIENCES.join(', ')}` }),
        { message: 'must be a list of audiences' },
      ),
    ).meta({ description: 'Who it is written for' }),
    bloom_level: zBloomLevel.meta({ description: "The Bloom's taxonomy level it aims at (required)" }),
    visibility: optional(
      z.enum(TWEETORIAL_VISIBILITIES, { message: 'must be public, unlisted or private' }),
    ).meta({ description: 'As a status’s; default public. Cannot change in an edit' }),
    language: optional(
      z
        .string()
        .trim()
        .refine(isStatusLanguage, 'must be an ISO 639-1 language code such as "en"')
        .transform((v) => v.toLowerCase()),
    ).meta({ description: 'ISO 639-1; default the author’s posting language' }),
  })
  .meta({ id: 'TweetorialParams' });
export type TweetorialParams = z.output<typeof zTweetorialParams>;

/** POST /api/rounds/v1/tweetorials/{id}/complete. */
export const zCompleteTweetorialParams = z
  .object({
    reflection: optional(
      z
        .string({ message: 'must be text' })
        .trim()
        .max(
          TWEETORIAL_LIMITS.reflectionChars,
          `is too long (at most ${TWEETORIAL_LIMITS.reflectionChars.toLocaleString('en')} characters)`,
        ),
    ).meta({ description: 'What the learner takes away; kept in their learning record only' }),
    time_spent_seconds: optional(zInt(0, TWEETORIAL_LIMITS.maxTimeSpentSeconds)).meta({
      description: 'Reading time the client measured',
    }),
  })
  .meta({ id: 'CompleteTweetorialParams' });
export type CompleteTweetorialParams = z.output<typeof zCompleteTweetorialParams>;

/** DELETE /api/rounds/v1/tweetorials/{id}/complete. */
export const zUncompleteTweetorialParams = z.object({
  version: optional(zInt(1, 1_000_000)).meta({
    description: 'The version whose completion to undo; default the current one',
  }),
});

/** GET /api/rounds/v1/tweetorials. */
export const zTweetorialListParams = zPageParams.extend({
  account_id: optional(zId).meta({ description: "Only this author's tweetorials (unlisted ones included)" }),
  bloom_level: optional(zBloomLevel),
  tag: optional(z.string().trim().max(101).regex(TAG_NAME, 'must be a hashtag')).meta({
    description: 'Only tweetorials with this topic hashtag (with or without "#", any case)',
  }),
});
export type TweetorialListParams = z.output<typeof zTweetorialListParams>;

/** The caller's completion of a tweetorial version. */
export const zTweetorialCompletion = z
  .object({
    tweetorial_id: z.string(),
    version: z.int().meta({ description: 'The version completed' }),
    completed_at: z.string(),
    reflection: z.string().nullable(),
    time_spent_seconds: z.int().nullable(),
    record_entry_id: z
      .string()
      .nullable()
      .meta({ description: 'The learning record entry (null if the learner removed it)' }),
  })
  .meta({ id: 'TweetorialCompletion' });
export type TweetorialCompletion = z.output<typeof zTweetorialCompletion>;

const tweetorialFields = {
  id: z.string(),
  url: z.string().meta({ description: 'The permalink: part 1’s status URL' }),
  reading_url: z.string().meta({ description: 'The Rounds reading view in the web app' }),
  status_id: z.string().meta({ description: 'Part 1 (the thread’s root)' }),
  account: z.looseObject({ id: z.string(), acct: z.string() }).meta({
    description: "The author (Mastodon's Account entity)",
  }),
  created_at: z.string(),
  edited_at: z.string().nullable().meta({ description: 'When the current version was published, if edited' }),
  version: z.int().min(1),
  title: z.string(),
  objectives: z.array(z.string()),
  audience: z.array(z.enum(TWEETORIAL_AUDIENCES)),
  bloom_level: zBloomLevel,
  tags: z.array(z.string()).meta({ description: 'Topic hashtags, without "#", as first written' }),
  language: z.string().nullable(),
  visibility: z.enum(TWEETORIAL_VISIBILITIES),
  evidence_level: zEvidenceLevel.nullable(),
  references: z.array(zReference).meta({ description: 'As the Status entity’s `rounds.references`' }),
  parts_count: z.int(),
  completion: zTweetorialCompletion
    .nullable()
    .meta({ description: "The caller's latest completion (any version); null when none or anonymous" }),
};

/** A tweetorial as lists show it (no parts). */
export const zTweetorial = z.object(tweetorialFields).meta({ id: 'Tweetorial' });
export type Tweetorial = z.output<typeof zTweetorial>;

/** The reading view: the tweetorial and every part as a Status entity, in order. */
export const zTweetorialReading = z
  .object({
    ...tweetorialFields,
    parts: z.array(zRoundsStatus).meta({
      description: 'Part 1 … n as Status entities; a part deleted through the Mastodon API is missing',
    }),
  })
  .meta({ id: 'TweetorialReading' });
export type TweetorialReading = z.output<typeof zTweetorialReading>;

/** One version as it was published (earlier versions are kept and viewable). */
export const zTweetorialVersion = z
  .object({
    tweetorial_id: z.string(),
    version: z.int().min(1),
    created_at: z.string(),
    title: z.string(),
    objectives: z.array(z.string()),
    audience: z.array(z.enum(TWEETORIAL_AUDIENCES)),
    bloom_level: zBloomLevel,
    tags: z.array(z.string()),
    language: z.string().nullable(),
    evidence_level: zEvidenceLevel.nullable(),
    references: z.array(zReference),
    parts: z.array(
      z.object({
        position: z.int().min(1),
        text: z.string().meta({ description: 'The part as the author wrote it' }),
        content: z
          .string()
          .meta({ description: 'The status HTML as published in this version (with "k/n")' }),
        media_ids: z.array(z.string()),
        status_id: z.string(),
      }),
    ),
  })
  .meta({ id: 'TweetorialVersion' });
export type TweetorialVersion = z.output<typeof zTweetorialVersion>;
