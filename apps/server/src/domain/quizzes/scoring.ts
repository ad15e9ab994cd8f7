import type { StoredQuizQuestion } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';

/** The correct options' indexes, ascending. */
export function correctOptions(question: StoredQuizQuestion): number[] {
  return question.options.flatMap((o, i) => (o.correct ? [i] : []));
}

/**
 * Checks a learner's answers against the questions: one answer per question, each a set of
 * existing option indexes (empty: skipped), at most one on a single-answer question. Returns
 * them sorted; 422 naming `answers` or `answers.<i>` otherwise.
 */
export function checkAnswers(
  questions: readonly StoredQuizQuestion[],
  answers: readonly (readonly number[])[],
): number[][] {
  if (answers.length !== questions.length) {
    throw new ValidationError(
      `answers: this quiz has ${questions.length} question${questions.length === 1 ? '' : 's'}; send one answer per question, in order (${answers.length} sent; null or [] skips one)`,
      'answers',
    );
  }
  return questions.map((q, i) => {
    const field = `answers.${i}`;
    const chosen = answers[i]!;
    const last = q.options.length - 1;
    const bad = chosen.find((c) => !Number.isInteger(c) || c < 0 || c > last);
    if (bad !== undefined) {
      throw new ValidationError(
        `${field}: question ${i + 1} has no option ${bad}; choose from 0 to ${last} (0 is the first option)`,
        field,
      );
    }
    if (new Set(chosen).size !== chosen.length) {
      throw new ValidationError(`${field}: each option can be chosen only once`, field);
    }
    if (q.type === 'single' && chosen.length > 1) {
      throw new ValidationError(
        `${field}: question ${i + 1} takes a single answer (${chosen.length} given)`,
        field,
      );
    }
    return [...chosen].sort((a, b) => a - b);
  });
}

/**
 * All-or-nothing: an answer is correct when it is exactly the set of correct options (a
 * multiple-answer question with one correct option missing, or one wrong option added, is
 * incorrect; a skipped question is incorrect).
 */
export function isCorrect(question: StoredQuizQuestion, answer: readonly number[]): boolean {
  const correct = correctOptions(question);
  return answer.length === correct.length && answer.every((c, i) => c === correct[i]);
}

/** Rounds to 4 decimal places, as every proportion the API shows. */
export function round4(x: number): number {
  const r = Math.round(x * 10_000) / 10_000;
  return r === 0 ? 0 : r;
}
