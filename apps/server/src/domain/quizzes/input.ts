import { BLOOM_LEVELS, type BloomLevel, QUIZ_LIMITS, type QuizQuestionType } from '@rounds/contract';
import type { AccountRow, StoredQuizQuestion } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { refuseIdentifiers } from '../phi/gate.ts';

/** One option as an author writes it. */
export interface QuizOptionInput {
  text: string;
  /** Why the option is right or wrong; shown to a learner once they have answered. */
  explanation: string;
  correct?: boolean | undefined;
}

export interface QuizQuestionInput {
  prompt: string;
  /** `single` (default): exactly one correct option; `multiple`: one or more. */
  type?: QuizQuestionType | undefined;
  /** Null or absent: the quiz's level. */
  bloomLevel?: BloomLevel | null | undefined;
  options: readonly QuizOptionInput[];
}

/** A quiz's content: what creating sets and editing replaces. */
export interface QuizContentInput {
  /** Absent or blank: the first question's first words. */
  title?: string | null | undefined;
  bloomLevel: BloomLevel;
  questions: readonly QuizQuestionInput[];
}

/** A checked quiz, ready to store. */
export interface PreparedQuiz {
  title: string;
  bloomLevel: BloomLevel;
  questions: StoredQuizQuestion[];
}

const TITLE_FROM_PROMPT_CHARS = 80;

function fail(field: string, message: string): never {
  throw new ValidationError(`${field}: ${message}`, field);
}

function checkText(field: string, value: unknown, max: number): string {
  const text = typeof value === 'string' ? value.replaceAll('\u0000', '').trim() : '';
  if (text === '') fail(field, 'is required');
  if (text.length > max) fail(field, `is too long (at most ${max.toLocaleString('en')} characters)`);
  return text;
}

function checkBloom(field: string, value: unknown): BloomLevel {
  if (!BLOOM_LEVELS.includes(value as BloomLevel)) fail(field, `must be one of ${BLOOM_LEVELS.join(', ')}`);
  return value as BloomLevel;
}

function checkQuestion(q: QuizQuestionInput, i: number): StoredQuizQuestion {
  const at = `questions.${i}`;
  const prompt = checkText(`${at}.prompt`, q.prompt, QUIZ_LIMITS.maxPromptChars);
  const type = q.type ?? 'single';
  if (type !== 'single' && type !== 'multiple') fail(`${at}.type`, 'must be single or multiple');
  const bloomLevel = q.bloomLevel == null ? null : checkBloom(`${at}.bloom_level`, q.bloomLevel);
  const { minOptions, maxOptions } = QUIZ_LIMITS;
  if (!Array.isArray(q.options) || q.options.length < minOptions) {
    fail(`${at}.options`, `a question needs at least ${minOptions} options`);
  }
  if (q.options.length > maxOptions) {
    fail(`${at}.options`, `a question can have at most ${maxOptions} options (${q.options.length} given)`);
  }
  const options = q.options.map((o, j) => ({
    text: checkText(`${at}.options.${j}.text`, o.text, QUIZ_LIMITS.maxOptionChars),
    explanation: checkText(`${at}.options.${j}.explanation`, o.explanation, QUIZ_LIMITS.maxExplanationChars),
    correct: o.correct === true,
  }));
  const seen = new Map<string, number>();
  options.forEach((o, j) => {
    const key = o.text.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(
        `${at}.options.${j}.text`,
        `repeats option ${earlier} ("${o.text.slice(0, 40)}"); options must differ`,
      );
    }
    seen.set(key, j);
  });
  const correct = options.filter((o) => o.correct).length;
  if (correct === 0) {
    fail(`${at}.options`, 'mark at least one option correct ("correct": true)');
  }
  if (type === 'single' && correct > 1) {
    fail(
      `${at}.options`,
      `a single-answer question has exactly one correct option (${correct} are marked); make it "type": "multiple" or unmark the others`,
    );
  }
  return { prompt, type, bloomLevel, options };
}

/** The first words of a prompt, cut at a word boundary. */
function titleFromPrompt(prompt: string): string {
  const oneLine = prompt.replace(/\s+/g, ' ');
  if (oneLine.length <= TITLE_FROM_PROMPT_CHARS) return oneLine;
  const cut = oneLine.slice(0, TITLE_FROM_PROMPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_FROM_PROMPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Every piece of a quiz's text through the PHI gate. A quiz is teaching material shown to anyone
 * who sees its status, so identifiers are refused outright (no redaction, no override) and
 * nothing is stored; the message names each field where one was found.
 */
function guardQuiz(
  quiz: PreparedQuiz,
  hasTitle: boolean,
  author: Pick<AccountRow, 'displayName' | 'username'>,
) {
  const fields: Record<string, string> = hasTitle ? { title: quiz.title } : {};
  quiz.questions.forEach((q, i) => {
    fields[`questions.${i}.prompt`] = q.prompt;
    q.options.forEach((o, j) => {
      fields[`questions.${i}.options.${j}.text`] = o.text;
      fields[`questions.${i}.options.${j}.explanation`] = o.explanation;
    });
  });
  refuseIdentifiers(
    fields,
    author,
    (where) => `Found in ${where}. A quiz cannot carry patient identifiers: remove them (nothing was saved).`,
  );
}

/**
 * Checks a quiz against the rules (1 to 20 questions; 2 to 8 distinct options each, every one
 * with text and an explanation; at least one correct option, exactly one on a single-answer
 * question; Bloom levels from the taxonomy) and the PHI gate. 422 naming the field otherwise
 * (`questions.1.options.2.explanation`), before anything is stored.
 */
export function prepareQuiz(
  input: QuizContentInput,
  author: Pick<AccountRow, 'displayName' | 'username'>,
): PreparedQuiz {
  const bloomLevel = checkBloom('bloom_level', input.bloomLevel);
  const { minQuestions, maxQuestions } = QUIZ_LIMITS;
  if (!Array.isArray(input.questions) || input.questions.length < minQuestions) {
    fail('questions', 'a quiz needs at least one question');
  }
  if (input.questions.length > maxQuestions) {
    fail('questions', `a quiz can have at most ${maxQuestions} questions (${input.questions.length} given)`);
  }
  const questions = input.questions.map(checkQuestion);
  const givenTitle = (input.title ?? '').replaceAll('\u0000', '').trim();
  if (givenTitle.length > QUIZ_LIMITS.maxTitleChars) {
    fail('title', `is too long (at most ${QUIZ_LIMITS.maxTitleChars} characters)`);
  }
  const quiz = { title: givenTitle || titleFromPrompt(questions[0]!.prompt), bloomLevel, questions };
  guardQuiz(quiz, givenTitle !== '', author);
  return quiz;
}
