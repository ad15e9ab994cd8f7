import { z } from 'zod';
import { zLearningLink } from './learning.ts';
import { zPostDisclosure, zShownCorrection, zStatusLabel } from './trust.ts';

/**
 * Evidence on posts (issue 6): references a post cites and the evidence level its author set.
 * The shapes here are what clients send and receive; normalising a reference (which DOI, PMID or
 * URL it names) is the server's job (apps/server/src/domain/evidence), so a Mastodon app's post
 * and a Rounds post are recognised the same way.
 */

/** From strongest to weakest, as the evidence pyramid orders them (guidelines and opinion aside). */
export const EVIDENCE_LEVELS = [
  'systematic_review',
  'rct',
  'cohort',
  'case_control',
  'case_series',
  'guideline',
  'expert_opinion',
] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

export const zEvidenceLevel = z.enum(EVIDENCE_LEVELS, {
  message: `must be one of ${EVIDENCE_LEVELS.join(', ')}`,
});

/** At most this many references attached explicitly to one post. */
export const MAX_ATTACHED_REFERENCES = 20;

const zRefText = z.string({ message: 'must be text' }).max(2048, 'is too long (at most 2,048 characters)');

/**
 * One attached reference: `{"doi": "10.1056/NEJMoa2034577"}` (also `doi:…` or a doi.org link),
 * `{"pmid": "33301246"}` (also `PMID: …` or a PubMed link) or `{"url": "https://…"}`; a plain
 * string is recognised as any of these.
 */
export const zReferenceParam = z.union(
  [
    zRefText,
    z.strictObject({ doi: zRefText }),
    z.strictObject({ pmid: z.union([zRefText, z.number().int().positive()]) }),
    z.strictObject({ url: zRefText }),
  ],
  { message: 'must be {"doi": …}, {"pmid": …} or {"url": …}' },
);
export type ReferenceParam = z.output<typeof zReferenceParam>;

/** Form bodies send `references[][doi]=…` (a list) or `references[0][doi]=…` (a hash by index). */
const zReferenceList = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : v),
  z
    .array(zReferenceParam, { message: 'must be a list of references' })
    .max(MAX_ATTACHED_REFERENCES, `at most ${MAX_ATTACHED_REFERENCES} references`),
);

/**
 * The evidence parameters of the Rounds posting routes. On an edit, an absent `references` keeps
 * the attached ones (`[]` removes them) and an absent `evidence_level` keeps the level (`null`
 * or `""` removes it).
 */
export const zEvidenceParams = z.object({
  references: zReferenceList.optional(),
  evidence_level: z.preprocess((v) => (v === '' ? null : v), zEvidenceLevel.nullable().optional()),
});
export type EvidenceParams = z.output<typeof zEvidenceParams>;

export const REFERENCE_TYPES = ['doi', 'pmid', 'url'] as const;

/** A reference as the Status entity's `rounds.references` shows it. */
export const zReference = z
  .object({
    type: z.enum(REFERENCE_TYPES),
    value: z.string().meta({
      description: 'Normalised: a lower-cased DOI, a PMID without leading zeros, or the URL',
    }),
    url: z.string().meta({ description: 'Where to read it: https://doi.org/…, PubMed, or the URL itself' }),
    source: z.enum(['text', 'attached']).meta({
      description: 'Recognised in the text, or attached through the Rounds API',
    }),
  })
  .meta({ id: 'Reference' });
export type ReferenceEntity = z.output<typeof zReference>;

/** The Rounds extension on Mastodon's Status entity (`status.rounds`). */
export const zRoundsStatusExtension = z
  .object({
    evidence_level: zEvidenceLevel.nullable(),
    references: z.array(zReference),
    learning: z.array(zLearningLink).meta({
      description:
        'The learning objects (tweetorial, case, quiz) this status presents, with their Bloom level',
    }),
    disclosure: zPostDisclosure.nullable(),
    correction: zShownCorrection.nullable(),
    labels: z.array(zStatusLabel),
  })
  .meta({
    id: 'RoundsStatusExtension',
    description: 'Rounds data on a status; Mastodon apps ignore it and read the evidence line in `content`',
  });
export type RoundsStatusExtension = z.output<typeof zRoundsStatusExtension>;

/** One period of a paper's citations (Mastodon's Tag history shape: numbers as strings). */
export const zCitationHistoryItem = z.object({
  day: z.string().meta({ description: 'UNIX time of the UTC midnight the period starts' }),
  uses: z.string().meta({ description: 'Citing statuses posted in the period' }),
  accounts: z.string().meta({ description: 'Distinct accounts that posted them' }),
});

/**
 * Mastodon's Status entity (https://docs.joinmastodon.org/entities/Status/) as the Rounds API
 * answers it: every Mastodon attribute, plus `rounds`. Only the attributes Rounds adds or relies
 * on are spelled out here; the rest follow Mastodon's own description.
 */
export const zRoundsStatus = z
  .looseObject({
    id: z.string(),
    created_at: z.string(),
    visibility: z.enum(['public', 'unlisted', 'private', 'direct']),
    url: z.string(),
    content: z.string().meta({ description: 'HTML; ends with the evidence line when the post has one' }),
    account: z.looseObject({ id: z.string(), acct: z.string() }),
    rounds: zRoundsStatusExtension,
  })
  .meta({
    id: 'Status',
    description:
      "Mastodon's Status entity (https://docs.joinmastodon.org/entities/Status/) with the Rounds extension `rounds`",
  });

/** GET /api/rounds/v1/papers/{doi}: the paper page. */
export const zPaperPage = z
  .object({
    doi: z.string().meta({ description: 'The normalised DOI (lower case, no prefix)' }),
    url: z.string().meta({ description: 'https://doi.org/ link to the paper' }),
    count: z.int().min(0).meta({ description: 'Citing statuses the caller may see, all time' }),
    history: z
      .array(zCitationHistoryItem)
      .meta({ description: 'Citing statuses per UTC day over the last 7 days, today first' }),
    weekly_history: z.array(zCitationHistoryItem).meta({
      description: 'Citing statuses per week (Monday to Sunday, UTC) over the last 12 weeks, this week first',
    }),
    statuses: z
      .array(zRoundsStatus)
      .meta({ description: 'This page of citing statuses, newest first (Link header for more)' }),
  })
  .meta({ id: 'PaperPage' });
export type PaperPage = z.output<typeof zPaperPage>;
