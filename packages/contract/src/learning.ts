import { z } from 'zod';

/**
 * Learning objects (issue 6): tweetorials, clinical cases and quizzes, each tagged with the level
 * of Bloom's (revised) taxonomy it aims at, and the learner's record of what they did with them.
 */

/** Bloom's revised taxonomy, lowest to highest. */
export const BLOOM_LEVELS = ['remember', 'understand', 'apply', 'analyze', 'evaluate', 'create'] as const;
export type BloomLevel = (typeof BLOOM_LEVELS)[number];

export const zBloomLevel = z.enum(BLOOM_LEVELS, { message: `must be one of ${BLOOM_LEVELS.join(', ')}` });

export const LEARNING_OBJECT_TYPES = ['tweetorial', 'case', 'quiz'] as const;
export type LearningObjectType = (typeof LEARNING_OBJECT_TYPES)[number];

/** A learning object a status belongs to, as the Status entity's `rounds.learning` lists it. */
export const zLearningLink = z
  .object({
    type: z.enum(LEARNING_OBJECT_TYPES),
    id: z.string().meta({ description: 'The object’s id in the Rounds API' }),
    bloom_level: zBloomLevel.nullable(),
  })
  .meta({ id: 'LearningLink' });
export type LearningLink = z.output<typeof zLearningLink>;

/** What a learning record entry records. */
export const LEARNING_RECORD_KINDS = ['tweetorial_completed', 'quiz_attempt', 'case_contribution'] as const;
export type LearningRecordKind = (typeof LEARNING_RECORD_KINDS)[number];

export const zLearningRecordKind = z.enum(LEARNING_RECORD_KINDS, {
  message: `must be one of ${LEARNING_RECORD_KINDS.join(', ')}`,
});

/** One entry of a learner's portfolio. */
export const zLearningRecordEntry = z
  .object({
    id: z.string(),
    kind: zLearningRecordKind,
    occurred_at: z.string().meta({ description: 'ISO 8601, when the learner did it' }),
    object: z.object({
      type: z.enum(LEARNING_OBJECT_TYPES),
      id: z.string(),
      title: z.string().meta({ description: 'As it was when the entry was made' }),
      bloom_level: zBloomLevel.nullable(),
      status_id: z
        .string()
        .nullable()
        .meta({ description: 'The status presenting the object; null once it was deleted' }),
    }),
    time_spent_seconds: z.number().int().nullable(),
    reflection: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).meta({
      description: 'Kind-specific facts, e.g. a quiz attempt’s `correct` and `total`',
    }),
  })
  .meta({ id: 'LearningRecordEntry' });
export type LearningRecordEntry = z.output<typeof zLearningRecordEntry>;

/** A certificate-ready summary of a date range. */
export const zLearningRecordSummary = z
  .object({
    learner: z.object({
      id: z.string(),
      acct: z.string(),
      display_name: z.string(),
      url: z.string(),
    }),
    from: z.string().nullable().meta({ description: 'Start of the range (inclusive), ISO 8601' }),
    to: z.string().meta({ description: 'End of the range (exclusive), ISO 8601' }),
    generated_at: z.string(),
    totals: z.object({
      entries: z.number().int(),
      tweetorials_completed: z.number().int(),
      quiz_attempts: z.number().int(),
      quizzes: z.number().int().meta({ description: 'Distinct quizzes attempted' }),
      case_contributions: z.number().int(),
      cases: z.number().int().meta({ description: 'Distinct cases contributed to' }),
      time_spent_seconds: z.number().int().meta({ description: 'Sum of the times known' }),
      timed_entries: z.number().int().meta({ description: 'Entries with a time spent' }),
      reflections: z.number().int(),
    }),
    by_bloom_level: z.record(zBloomLevel, z.number().int()),
    truncated: z
      .boolean()
      .meta({ description: 'True when the range held more entries than one summary lists' }),
    entries: z.array(zLearningRecordEntry),
  })
  .meta({ id: 'LearningRecordSummary' });
export type LearningRecordSummary = z.output<typeof zLearningRecordSummary>;
