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
