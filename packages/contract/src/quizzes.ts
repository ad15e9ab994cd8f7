import { z } from 'zod';
import { zBloomLevel } from './learning.ts';
import { zBool, zId } from './params.ts';

/**
 * Quizzes (issue 6): single- and multiple-answer questions attached to a status, with an
 * explanation per option shown once the learner has answered, scored attempts, and item analysis
 * for the author. The rules (at least one correct option, one only on a single-answer question,
 * the PHI gate) are the server's (apps/server/src/domain/quizzes); these are the shapes.
 */

export const QUIZ_LIMITS = {
  minQuestions: 1,
  maxQuestions: 20,
  minOptions: 2,
  maxOptions: 8,
  maxTitleChars: 200,
  maxPromptChars: 1000,
  maxOptionChars: 500,
  maxExplanationChars: 2000,
  /** A day: longer is a tab left open, not time spent. */
  maxTimeSpentSeconds: 86_400,
  /** Item analysis is shown once this many learners have a first attempt. */
  minLearnersForStats: 10,
} as const;

export const QUIZ_QUESTION_TYPES = ['single', 'multiple'] as const;
export type QuizQuestionType = (typeof QUIZ_QUESTION_TYPES)[number];

/** Form bodies send lists as `questions[0][prompt]=…`, which arrives as a hash keyed by index. */
function listFromForm(v: unknown): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : v;
}

const zText = (max: number) =>
  z
    .string({ message: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(max, `is too long (at most ${max.toLocaleString('en')} characters)`);

export const zQuizOptionParams = z.object({
  text: zText(QUIZ_LIMITS.maxOptionChars).meta({ description: 'What the learner reads and picks' }),
  explanation: zText(QUIZ_LIMITS.maxExplanationChars).meta({
    description: 'Why this option is right or wrong; shown once the learner has answered',
  }),
  correct: zBool.optional().meta({ description: 'Whether this option is a correct answer (default false)' }),
});

export const zQuizQuestionParams = z.object({
  prompt: zText(QUIZ_LIMITS.maxPromptChars),
  type: z
    .enum(QUIZ_QUESTION_TYPES, { message: 'must be single or multiple' })
    .optional()
    .meta({ description: '`single` (default): exactly one correct option; `multiple`: one or more' }),
  bloom_level: z
    .preprocess((v) => (v === '' ? null : v), zBloomLevel.nullish())
    .meta({
      description: "This question's Bloom level; absent or null: the quiz's",
    }),
  options: z.preprocess(
    listFromForm,
    z
      .array(zQuizOptionParams, { message: 'must be a list of options' })
      .min(QUIZ_LIMITS.minOptions, `a question needs at least ${QUIZ_LIMITS.minOptions} options`)
      .max(QUIZ_LIMITS.maxOptions, `a question can have at most ${QUIZ_LIMITS.maxOptions} options`),
  ),
});

const zQuizContent = {
  title: z
    .string()
    .trim()
    .max(QUIZ_LIMITS.maxTitleChars, `is too long (at most ${QUIZ_LIMITS.maxTitleChars} characters)`)
    .nullish()
    .meta({ description: "Shown in learners' portfolios; absent: the first question's first words" }),
  bloom_level: zBloomLevel.meta({ description: 'The Bloom level the quiz aims at' }),
  questions: z.preprocess(
    listFromForm,
    z
      .array(zQuizQuestionParams, { message: 'must be a list of questions' })
      .min(QUIZ_LIMITS.minQuestions, 'a quiz needs at least one question')
      .max(QUIZ_LIMITS.maxQuestions, `a quiz can have at most ${QUIZ_LIMITS.maxQuestions} questions`),
  ),
};

/** POST /api/rounds/v1/quizzes. */
export const zCreateQuizParams = z
  .object({
    status_id: zId.meta({
      description: 'The status the quiz is attached to; only its author may attach one',
    }),
    ...zQuizContent,
  })
  .meta({ id: 'CreateQuizParams' });
export type CreateQuizParams = z.output<typeof zCreateQuizParams>;

/** PUT /api/rounds/v1/quizzes/{id}: replaces the whole quiz (refused once anyone has attempted it). */
export const zEditQuizParams = z.object(zQuizContent).meta({ id: 'EditQuizParams' });
export type EditQuizParams = z.output<typeof zEditQuizParams>;

const zChoice = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z
    .number({ message: 'must be an option index (0 is the first option)' })
    .int('must be an option index (0 is the first option)')
    .min(0, 'must be an option index (0 is the first option)'),
);

/** One question's answer: an option index, a list of them, or null / [] to skip it. */
const zAnswer = z.preprocess(
  (v) => {
    const list = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : v;
    return Array.isArray(list) ? list.filter((c) => c !== '') : list;
  },
  z
    .union(
      [
        z.null(),
        zChoice,
        z.array(zChoice).max(QUIZ_LIMITS.maxOptions, `at most ${QUIZ_LIMITS.maxOptions} choices`),
      ],
      {
        message:
          'must be an option index (0 is the first option), a list of them, or null to skip the question',
      },
    )
    .transform((v): number[] => (v === null ? [] : Array.isArray(v) ? v : [v])),
);

/** POST /api/rounds/v1/quizzes/{id}/attempts. */
export const zQuizAttemptParams = z
  .object({
    answers: z
      .preprocess(listFromForm, z.array(zAnswer, { message: 'must be a list with one answer per question' }))
      .meta({
        description:
          'One answer per question, in order: an option index (0 is the first), a list of them for a ' +
          'multiple-answer question, or null / [] to skip the question (scored incorrect)',
      }),
    time_spent_seconds: z
      .preprocess(
        (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
        z
          .number({ message: 'must be a whole number of seconds' })
          .int('must be a whole number of seconds')
          .min(0, 'must be 0 or more')
          .max(QUIZ_LIMITS.maxTimeSpentSeconds, `must be at most ${QUIZ_LIMITS.maxTimeSpentSeconds} (a day)`)
          .optional(),
      )
      .meta({ description: 'How long the learner spent, when the client measured it' }),
  })
  .meta({ id: 'QuizAttemptParams' });
export type QuizAttemptParams = z.output<typeof zQuizAttemptParams>;

export const zQuizOption = z
  .object({
    text: z.string(),
    explanation: z
      .string()
      .nullable()
      .meta({ description: 'null until the viewer has answered the quiz (its author always sees it)' }),
    correct: z
      .boolean()
      .nullable()
      .meta({ description: 'Whether it is a correct answer; null until the viewer has answered' }),
  })
  .meta({ id: 'QuizOption' });

export const zQuizQuestion = z
  .object({
    prompt: z.string(),
    type: z.enum(QUIZ_QUESTION_TYPES),
    bloom_level: zBloomLevel.nullable().meta({ description: "null: the quiz's level" }),
    options: z.array(zQuizOption),
    correct_options: z
      .array(z.int())
      .nullable()
      .meta({ description: 'Indexes of the correct options; null until the viewer has answered' }),
  })
  .meta({ id: 'QuizQuestion' });

export const zQuiz = z
  .object({
    id: z.string(),
    status_id: z.string().meta({ description: 'The status it is attached to' }),
    account_id: z.string().meta({ description: 'Its author (the status’s author)' }),
    title: z.string(),
    bloom_level: zBloomLevel,
    questions_count: z.int(),
    questions: z.array(zQuizQuestion),
    answers_shown: z.boolean().meta({
      description:
        'Whether correct options and explanations are shown: the viewer is the author or has attempted',
    }),
    attempted: z.boolean().meta({ description: 'Whether the viewer has attempted it' }),
    own_attempts_count: z.int().meta({ description: 'How many times the viewer has attempted it' }),
    editable: z
      .boolean()
      .meta({ description: 'Whether the viewer may edit it: its author, while nobody has attempted it' }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Quiz' });
export type QuizEntity = z.output<typeof zQuiz>;

export const zQuizAttemptQuestion = z
  .object({
    prompt: z.string(),
    type: z.enum(QUIZ_QUESTION_TYPES),
    answer: z.array(z.int()).meta({ description: 'The options the learner chose ([]: skipped)' }),
    correct: z.boolean().meta({
      description: 'Whether the answer is exactly the set of correct options (all-or-nothing)',
    }),
    correct_options: z.array(z.int()),
    options: z.array(zQuizOption),
  })
  .meta({ id: 'QuizAttemptQuestion' });

export const zQuizAttempt = z
  .object({
    id: z.string(),
    quiz_id: z.string(),
    created_at: z.string(),
    time_spent_seconds: z.int().nullable(),
    correct_count: z.int(),
    questions_count: z.int(),
    score: z.number().meta({ description: 'correct_count / questions_count, rounded to 4 decimals' }),
    first: z
      .boolean()
      .meta({ description: "Whether this is the learner's first attempt (the one item analysis uses)" }),
    questions: z.array(zQuizAttemptQuestion),
  })
  .meta({ id: 'QuizAttempt' });
export type QuizAttemptEntity = z.output<typeof zQuizAttempt>;

export const zQuizItemStats = z
  .object({
    index: z.int().meta({ description: 'The question’s position, from 0' }),
    correct_count: z.int().meta({ description: 'Learners whose first attempt answered it correctly' }),
    difficulty: z.number().meta({ description: 'p: the proportion of learners who answered it correctly' }),
    discrimination: z.number().meta({ description: 'D = p_upper − p_lower' }),
    p_upper: z.number().meta({ description: 'p within the upper 27 % by total score' }),
    p_lower: z.number().meta({ description: 'p within the lower 27 % by total score' }),
    option_counts: z.array(z.int()).meta({ description: 'How many learners chose each option' }),
    skipped_count: z.int(),
  })
  .meta({ id: 'QuizItemStats' });

export const zQuizStats = z
  .object({
    quiz_id: z.string(),
    available: z.boolean().meta({ description: 'false until min_learners learners have a first attempt' }),
    learners_count: z.int().meta({ description: 'Learners with an attempt: n, the first attempts analysed' }),
    attempts_count: z.int().meta({ description: 'All attempts, repeats included' }),
    min_learners: z.int(),
    message: z.string().nullable().meta({ description: 'Why the analysis is not shown yet' }),
    group_size: z.int().nullable().meta({ description: 'g = round(0.27 × n): the size of each 27 % group' }),
    mean_score: z
      .number()
      .nullable()
      .meta({ description: 'Mean proportion correct over the first attempts' }),
    questions: z.array(zQuizItemStats).nullable(),
  })
  .meta({ id: 'QuizStats' });
export type QuizStatsEntity = z.output<typeof zQuizStats>;
