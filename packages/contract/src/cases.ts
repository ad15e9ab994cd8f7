import { z } from 'zod';
import { zRoundsStatus } from './evidence.ts';
import { zBloomLevel } from './learning.ts';
import { zBool, zId, zStringList } from './params.ts';
import { isStatusLanguage } from './statuses.ts';

/**
 * Clinical cases (issue 6): a presentation, a question, an optional differential poll, a reveal
 * with the answer and teaching points, an outcome, and an accepted answer among the replies. The
 * server publishes each part as an ordinary status (apps/server/src/domain/cases).
 */

/** What the author attests for a case with images: one of the two is required. */
export const CASE_CONSENTS = ['patient_consent_obtained', 'no_identifiable_features'] as const;
export type CaseConsent = (typeof CASE_CONSENTS)[number];

export const CASE_STATES = ['open', 'solved'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** A case is discussed in the open or among followers; direct messages are not offered. */
export const CASE_VISIBILITIES = ['public', 'unlisted', 'private'] as const;
export type CaseVisibility = (typeof CASE_VISIBILITIES)[number];

/**
 * Field limits, in UTF-16 units (never fewer than the characters Mastodon counts). Chosen so that
 * a case's presentation and question, with its hashtags and headings, always fit one status of
 * 5,000 characters, and so does the reveal with its answer and teaching points.
 */
export const CASE_LIMITS = {
  title: 150,
  history: 2000,
  examination: 1000,
  investigations: 1000,
  question: 300,
  tags: 6,
  tagLength: 40,
  media: 4,
  answer: 1000,
  teachingPoints: 10,
  teachingPoint: 300,
  outcome: 3000,
  /** How far ahead a reveal may be scheduled: a year. */
  revealAheadMs: 366 * 24 * 60 * 60 * 1000,
} as const;

/** Clients send `""` or `null` for "not given" in forms and JSON alike. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
}

const many = (n: number) => `${n.toLocaleString('en')} characters`;

function requiredText(max: number) {
  return z
    .string({ message: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `is too long (at most ${many(max)})`);
}

function optionalText(max: number) {
  return optional(
    z
      .string({ message: 'must be text' })
      .trim()
      .max(max, `is too long (at most ${many(max)})`),
  );
}

/** A list as JSON or Rails-style form keys (`a[]=…`, `a[0]=…`). */
function list<T extends z.ZodType>(item: T, max: number, what: string) {
  return z.preprocess(
    (v) =>
      v === undefined || v === null || v === ''
        ? undefined
        : Array.isArray(v)
          ? v
          : typeof v === 'object'
            ? Object.values(v)
            : [v],
    z
      .array(item, { message: `must be a list of ${what}` })
      .max(max, `at most ${max} ${what}`)
      .optional(),
  );
}

const zTag = z
  .string({ message: 'must be text' })
  .trim()
  .transform((v) => v.replace(/^#/, ''))
  .pipe(
    z
      .string()
      .min(1, 'is empty')
      .max(CASE_LIMITS.tagLength, `is too long (at most ${CASE_LIMITS.tagLength} characters)`)
      .regex(
        /^[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*$/u,
        'must be a hashtag: letters, digits and _ (not digits alone), no spaces',
      ),
  );

const zTeachingPoint = z
  .string({ message: 'must be text' })
  .trim()
  .min(1, 'is empty')
  .max(CASE_LIMITS.teachingPoint, `is too long (at most ${many(CASE_LIMITS.teachingPoint)})`);

/** One image of a case with its alt text (required here unless the upload already has one). */
const zCaseMedia = z.object({
  id: zId,
  description: optional(z.string({ message: 'must be text' })).meta({
    description:
      'Alt text; replaces the upload’s (through the PHI guard). Required when the upload has none.',
  }),
});

/** The differential: 2 to 4 diagnoses as a Mastodon poll. */
export const zDifferentialParams = z.object(
  {
    options: z.preprocess(
      (v) =>
        v === undefined || v === null || Array.isArray(v)
          ? v
          : typeof v === 'object'
            ? Object.values(v)
            : [v],
      z.array(z.string({ message: 'each option must be text' }), {
        message: 'must list 2 to 4 diagnoses',
      }),
    ),
    expires_in: z
      .preprocess(
        (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
        z.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds'),
      )
      .meta({ description: 'Seconds the poll runs (5 minutes to a month)' }),
    multiple: optional(zBool),
  },
  { message: 'must be {options: [2 to 4 diagnoses], expires_in: seconds}' },
);

const zRevealAt = z
  .string({ message: 'must be an ISO 8601 date and time such as 2026-12-01T09:30:00Z' })
  .trim()
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(v) &&
      !Number.isNaN(Date.parse(v)),
    'must be an ISO 8601 date and time with a zone, such as 2026-12-01T09:30:00Z',
  );

const zLanguage = z
  .string()
  .trim()
  .refine(isStatusLanguage, 'must be an ISO 639-1 language code such as "en"')
  .transform((v) => v.toLowerCase());

/** POST /api/rounds/v1/cases. */
export const zCreateCaseParams = z
  .object({
    title: requiredText(CASE_LIMITS.title),
    history: requiredText(CASE_LIMITS.history).meta({ description: 'The history of the presentation' }),
    examination: optionalText(CASE_LIMITS.examination).meta({ description: 'Examination findings' }),
    investigations: optionalText(CASE_LIMITS.investigations).meta({
      description: 'Investigations and their results',
    }),
    question: requiredText(CASE_LIMITS.question).meta({ description: 'What the learners are asked' }),
    media: list(zCaseMedia, CASE_LIMITS.media, 'images').meta({
      description: 'Uploads (POST /api/v2/media) with their alt text, in display order',
    }),
    media_ids: optional(
      zStringList.pipe(z.array(z.string()).max(CASE_LIMITS.media, 'at most 4 images')),
    ).meta({
      description: 'Uploads that already carry alt text (the short form of `media`)',
    }),
    consent: optional(z.enum(CASE_CONSENTS, { message: `must be one of ${CASE_CONSENTS.join(', ')}` })).meta({
      description: 'Required with media: what the author attests about the images',
    }),
    poll: optional(zDifferentialParams).meta({ description: 'The differential poll' }),
    tags: list(zTag, CASE_LIMITS.tags, 'hashtags').meta({
      description: 'Specialty and topic hashtags (without or with #)',
    }),
    bloom_level: zBloomLevel,
    visibility: optional(
      z.enum(CASE_VISIBILITIES, { message: 'must be public, unlisted or private (followers only)' }),
    ),
    sensitive: optional(zBool),
    language: optional(zLanguage),
    answer: optionalText(CASE_LIMITS.answer).meta({
      description: 'Kept hidden until the reveal; required with reveal_at',
    }),
    teaching_points: list(zTeachingPoint, CASE_LIMITS.teachingPoints, 'teaching points'),
    reveal_at: optional(zRevealAt).meta({
      description: 'When the answer is revealed (ISO 8601, in the future); absent: the author reveals it',
    }),
  })
  .meta({ id: 'CreateCaseParams' });
export type CreateCaseParams = z.output<typeof zCreateCaseParams>;

/** POST /api/rounds/v1/cases/{id}/reveal: the answer now (or the one saved with the case). */
export const zRevealCaseParams = z
  .object({
    answer: optionalText(CASE_LIMITS.answer).meta({ description: 'Replaces the saved answer' }),
    teaching_points: list(zTeachingPoint, CASE_LIMITS.teachingPoints, 'teaching points').meta({
      description: 'Replace the saved teaching points',
    }),
  })
  .meta({ id: 'RevealCaseParams' });
export type RevealCaseParams = z.output<typeof zRevealCaseParams>;

/** POST /api/rounds/v1/cases/{id}/outcome. */
export const zCaseOutcomeParams = z
  .object({
    outcome: requiredText(CASE_LIMITS.outcome).meta({ description: 'What happened to the patient' }),
  })
  .meta({ id: 'CaseOutcomeParams' });
export type CaseOutcomeParams = z.output<typeof zCaseOutcomeParams>;

/** PUT /api/rounds/v1/cases/{id}/accepted_answer. */
export const zAcceptAnswerParams = z
  .object({
    status_id: zId.meta({ description: 'A reply anywhere in the case’s thread' }),
  })
  .meta({ id: 'AcceptAnswerParams' });
export type AcceptAnswerParams = z.output<typeof zAcceptAnswerParams>;

/** GET /api/rounds/v1/cases: filters besides the page window. */
export const zCaseListParams = z.object({
  state: optional(z.enum(CASE_STATES, { message: 'must be open or solved' })),
  tag: optional(
    z
      .string()
      .trim()
      .max(CASE_LIMITS.tagLength + 1, 'is too long'),
  ),
  bloom_level: optional(zBloomLevel),
  account_id: optional(zId),
});
export type CaseListParams = z.output<typeof zCaseListParams>;

export const zCaseConsent = z
  .object({
    type: z.enum(CASE_CONSENTS),
    attested_by: z.string().meta({ description: 'The account that attested it (the author)' }),
    attested_at: z.string(),
  })
  .meta({ id: 'CaseConsent' });

/** The case view (GET /api/rounds/v1/cases/{id}; the list answers an array of them). */
export const zCase = z
  .object({
    id: z.string(),
    account_id: z.string(),
    title: z.string(),
    history: z.string(),
    examination: z.string(),
    investigations: z.string(),
    question: z.string(),
    tags: z.array(z.string()),
    bloom_level: zBloomLevel,
    visibility: z.enum(CASE_VISIBILITIES),
    state: z.enum(CASE_STATES).meta({ description: '`solved` while an accepted answer is set' }),
    consent: zCaseConsent.nullable().meta({ description: 'The consent attestation (cases with media)' }),
    reveal_at: z.string().nullable().meta({ description: 'When the reveal is scheduled' }),
    revealed: z.boolean(),
    revealed_at: z.string().nullable(),
    answer: z.string().nullable().meta({ description: 'null before the reveal, except for the author' }),
    teaching_points: z
      .array(z.string())
      .nullable()
      .meta({ description: 'null before the reveal, except for the author' }),
    outcome: z.string().nullable(),
    outcome_at: z.string().nullable(),
    accepted_at: z.string().nullable(),
    contributors_count: z.int().min(0).meta({ description: 'Accounts other than the author who replied' }),
    created_at: z.string(),
    status: zRoundsStatus.meta({ description: 'The case status: presentation, question, images, poll' }),
    poll_status: zRoundsStatus
      .nullable()
      .meta({ description: 'The self-reply carrying the poll when the case has images (else null)' }),
    reveal_status: zRoundsStatus.nullable(),
    outcome_status: zRoundsStatus.nullable(),
    accepted_answer: zRoundsStatus
      .nullable()
      .meta({ description: 'The accepted reply, when set and visible to the caller' }),
  })
  .meta({ id: 'Case' });
export type CaseEntity = z.output<typeof zCase>;
