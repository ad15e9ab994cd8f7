import { z } from 'zod';
import { zBool } from './params.ts';

/**
 * Trust on profiles and posts (issue 7): competing-interest disclosures on the profile and on a
 * post, peer correction notes written and rated by verified members, and moderator labels.
 * The rules (who may write, rate or label; when a note is shown) are the server's
 * (apps/server/src/domain/trust); these are the shapes clients send and receive.
 */

// ---------------------------------------------------------------------------------------------
// Disclosures

export const DISCLOSURE_KINDS = [
  'industry_funding',
  'speaker_fees',
  'consulting',
  'equity',
  'advisory_board',
  'other',
] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export const MAX_DISCLOSURE_TEXT = 1000;
export const MAX_DISCLOSURE_ENTRIES = 20;
export const MAX_DISCLOSURE_ORGANISATION = 200;
export const MAX_POST_DISCLOSURE_TEXT = 200;

/** A year as a form sends it ("2021") or JSON does (2021); "" and null mean none. */
const zYear = z.preprocess(
  (v) => (v === '' ? null : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z
    .number({ message: 'must be a year such as 2021' })
    .int('must be a year such as 2021')
    .min(1950, 'must be 1950 or later')
    .max(2100, 'must be 2100 or earlier')
    .nullable()
    .optional(),
);

/** Form bodies send `entries[][kind]=…` (a list) or `entries[0][kind]=…` (a hash by index). */
const asList = (v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : v;

export const zDisclosureEntryParams = z.object({
  kind: z.enum(DISCLOSURE_KINDS, { message: `must be one of ${DISCLOSURE_KINDS.join(', ')}` }),
  organisation: z
    .string({ message: 'is required (the company or organisation)' })
    .trim()
    .min(1, 'is required (the company or organisation)')
    .max(MAX_DISCLOSURE_ORGANISATION, `is too long (at most ${MAX_DISCLOSURE_ORGANISATION} characters)`),
  from_year: zYear.meta({ description: 'The first year of the interest' }),
  to_year: zYear.meta({ description: 'The last year; absent while it lasts' }),
});

/**
 * PUT /api/rounds/v1/disclosures: replaces the declaration. `none: true` declares no competing
 * interests (and cannot come with entries or text); nothing at all withdraws the declaration.
 */
export const zDisclosuresParams = z
  .object({
    none: zBool.optional().meta({ description: 'Declare that there are no competing interests' }),
    text: z
      .string({ message: 'must be text' })
      .max(
        MAX_DISCLOSURE_TEXT,
        `is too long (at most ${MAX_DISCLOSURE_TEXT.toLocaleString('en')} characters)`,
      )
      .nullish()
      .meta({ description: 'Free text, shown as written' }),
    entries: z
      .preprocess(
        asList,
        z
          .array(zDisclosureEntryParams, { message: 'must be a list of entries' })
          .max(MAX_DISCLOSURE_ENTRIES, `at most ${MAX_DISCLOSURE_ENTRIES} entries`),
      )
      .optional(),
  })
  .meta({ id: 'DisclosuresParams' });
export type DisclosuresParams = z.output<typeof zDisclosuresParams>;

export const zDisclosureEntry = z
  .object({
    kind: z.enum(DISCLOSURE_KINDS),
    label: z.string().meta({ description: 'How the kind reads: "Speaker fees"' }),
    organisation: z.string(),
    from_year: z.int().nullable(),
    to_year: z.int().nullable(),
  })
  .meta({ id: 'DisclosureEntry' });

/** A member's declaration, on GET/PUT /disclosures and on the Account entity (`rounds.disclosures`). */
export const zDisclosures = z
  .object({
    declared: z
      .boolean()
      .meta({ description: 'Whether the member declared anything (false: never asked or withdrawn)' }),
    none: z.boolean().meta({ description: 'Declared explicitly: no competing interests' }),
    text: z.string().nullable(),
    entries: z.array(zDisclosureEntry),
    updated_at: z.string().nullable(),
  })
  .meta({ id: 'Disclosures', description: "A member's declared competing interests" });
export type DisclosuresEntity = z.output<typeof zDisclosures>;

/**
 * The per-post disclosure flag of POST and PUT /api/rounds/v1/statuses: `disclosure: true` says the
 * post touches one of the author's declared interests; `disclosure_text` (optional) says which.
 * On an edit, absent keeps the flag; sending either replaces it (`disclosure: false` removes it).
 */
export const zPostDisclosureParams = z.object({
  disclosure: zBool.optional(),
  disclosure_text: z
    .preprocess(
      (v) => (v === '' ? null : v),
      z
        .string({ message: 'must be text' })
        .max(MAX_POST_DISCLOSURE_TEXT, `is too long (at most ${MAX_POST_DISCLOSURE_TEXT} characters)`)
        .nullish(),
    )
    .meta({ description: 'Which interest, in a few words ("I consult for the maker of this drug")' }),
});
export type PostDisclosureParams = z.output<typeof zPostDisclosureParams>;

/** `rounds.disclosure` on a status. */
export const zPostDisclosure = z.object({ text: z.string().nullable() }).meta({
  id: 'PostDisclosure',
  description: 'The author declared that this post touches one of their interests',
});

// ---------------------------------------------------------------------------------------------
// Correction notes

export const MAX_CORRECTION_TEXT = 1000;
export const MAX_CORRECTION_SOURCES = 10;

const zSourceText = z.string({ message: 'must be text' }).max(2048, 'is too long (at most 2,048 characters)');

/** A source as the evidence references are attached: a string, or `{doi}`, `{pmid}`, `{url}`. */
export const zCorrectionSourceParam = z.union(
  [
    zSourceText,
    z.strictObject({ doi: zSourceText }),
    z.strictObject({ pmid: z.union([zSourceText, z.number().int().positive()]) }),
    z.strictObject({ url: zSourceText }),
  ],
  { message: 'must be a DOI, "PMID: …" or an http(s) URL, or {"doi": …}, {"pmid": …}, {"url": …}' },
);

/** POST /statuses/{id}/corrections and PUT /corrections/{id}. */
export const zCorrectionNoteParams = z
  .object({
    text: z
      .string({ message: 'is required: say what is wrong and what the sources show' })
      .trim()
      .min(1, 'is required: say what is wrong and what the sources show')
      .max(
        MAX_CORRECTION_TEXT,
        `is too long (at most ${MAX_CORRECTION_TEXT.toLocaleString('en')} characters)`,
      ),
    sources: z
      .preprocess(
        asList,
        z
          .array(zCorrectionSourceParam, { message: 'must be a list of sources' })
          .max(MAX_CORRECTION_SOURCES, `at most ${MAX_CORRECTION_SOURCES} sources`),
      )
      .optional()
      .meta({
        description: 'DOIs, PubMed ids or URLs; those written in the text count too. At least one in all.',
      }),
  })
  .meta({ id: 'CorrectionNoteParams' });
export type CorrectionNoteParams = z.output<typeof zCorrectionNoteParams>;

/** POST /corrections/{id}/rating. */
export const zCorrectionRatingParams = z
  .object({
    helpful: zBool.meta({ description: 'true: helpful; false: not helpful' }),
  })
  .meta({ id: 'CorrectionRatingParams' });

export const zCorrectionSource = z
  .object({
    type: z.enum(['doi', 'pmid', 'url']),
    value: z.string(),
    url: z.string().meta({ description: 'Where to read it' }),
  })
  .meta({ id: 'CorrectionSource' });

/** `rounds.correction` on a status (and on every reblog of it, and on a quote's quoted status). */
export const zShownCorrection = z
  .object({
    id: z.string(),
    text: z.string(),
    sources: z.array(zCorrectionSource),
    helpful_count: z.int().min(0),
    specialties: z.array(z.string()).meta({
      description: 'The verified specialties (or professions) of the members who rated it helpful',
    }),
  })
  .meta({ id: 'ShownCorrectionNote', description: 'A peer correction note raters agreed is helpful' });
export type ShownCorrectionEntity = z.output<typeof zShownCorrection>;

/** A correction note as GET /statuses/{id}/corrections lists it. */
export const zCorrectionNote = z
  .object({
    id: z.string(),
    status_id: z.string(),
    text: z.string(),
    sources: z.array(zCorrectionSource),
    helpful_count: z.int().min(0),
    not_helpful_count: z.int().min(0),
    specialties: z.array(z.string()),
    shown: z.boolean().meta({ description: 'Whether it passes the show rule (docs/rounds-api.md)' }),
    mine: z.boolean().meta({ description: 'Written by the caller' }),
    my_rating: z.enum(['helpful', 'not_helpful']).nullable(),
    post_edited_since: z
      .boolean()
      .meta({ description: 'The post was edited after the note was last written' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'CorrectionNote' });
export type CorrectionNoteEntity = z.output<typeof zCorrectionNote>;

// ---------------------------------------------------------------------------------------------
// Moderator labels

export const STATUS_LABELS = ['misleading', 'outdated_guidance', 'retracted_paper'] as const;
export type StatusLabelCode = (typeof STATUS_LABELS)[number];

export const zStatusLabelParams = z
  .object({
    label: z.enum(STATUS_LABELS, { message: `must be one of ${STATUS_LABELS.join(', ')}` }),
  })
  .meta({ id: 'StatusLabelParams' });

/** One of `rounds.labels` on a status. */
export const zStatusLabel = z
  .object({
    label: z.enum(STATUS_LABELS),
    name: z.string().meta({ description: 'How it reads: "Outdated guidance"' }),
    created_at: z.string(),
  })
  .meta({ id: 'StatusLabel', description: 'A label a moderator put on the post' });
export type StatusLabelEntity = z.output<typeof zStatusLabel>;

// ---------------------------------------------------------------------------------------------
// Notifications

/**
 * Notification types only Rounds clients see: /api/v1 and /api/v2 notifications list them only when
 * asked for by name in `types[]` (Mastodon apps never ask for a type they do not know), and they are
 * not streamed. `correction_note`: a correction note is now shown on your post.
 */
export const ROUNDS_ONLY_NOTIFICATION_TYPES = ['correction_note'] as const;
