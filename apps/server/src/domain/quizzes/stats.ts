import { QUIZ_LIMITS } from '@rounds/contract';
import { asc, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { type QuizRow, quizAttempts, type StoredQuizQuestion } from '../../db/schema/index.ts';
import { getOwnQuiz } from './access.ts';
import { round4 } from './scoring.ts';

/** The share of learners in each of the upper and lower groups (Kelley's 27 %). */
export const GROUP_FRACTION = 0.27;

/** One learner's first attempt, as item analysis reads it. */
export interface ScoredAnswers {
  /** Chosen option indexes per question (empty: skipped). */
  answers: readonly (readonly number[])[];
  /** Whether each question was answered correctly (all-or-nothing). */
  results: readonly boolean[];
}

export interface ItemStats {
  index: number;
  correctCount: number;
  /** p: the proportion of learners who answered correctly. */
  difficulty: number;
  /** D = pUpper − pLower. */
  discrimination: number;
  pUpper: number;
  pLower: number;
  /** How many learners chose each option. */
  optionCounts: number[];
  skippedCount: number;
}

export interface ItemAnalysis {
  learners: number;
  /** g = round(0.27 × n), halves up, at least 1. */
  groupSize: number;
  /** Mean proportion correct. */
  meanScore: number;
  items: ItemStats[];
}

/**
 * Each learner's share of membership in the group of the `g` best (`upper`) or worst (`lower`)
 * total scores. Learners strictly beyond the cut score belong wholly; those tied at the cut share
 * the places left equally, so the group always weighs exactly `g` and the result does not depend
 * on any order among equal scores.
 */
function groupWeights(totals: readonly number[], g: number, side: 'upper' | 'lower'): number[] {
  const beyond = (s: number, cut: number) => (side === 'upper' ? s > cut : s < cut);
  const ordered = [...totals].sort((a, b) => (side === 'upper' ? b - a : a - b));
  const cut = ordered[g - 1]!;
  const inside = totals.filter((s) => beyond(s, cut)).length;
  const tied = totals.filter((s) => s === cut).length;
  const share = (g - inside) / tied;
  return totals.map((s) => (beyond(s, cut) ? 1 : s === cut ? share : 0));
}

/**
 * Classical item analysis over learners' first attempts (n ≥ 1):
 * - difficulty index p = correct / n per question (all-or-nothing scoring);
 * - discrimination index D = p_upper − p_lower, the groups being the g = round(0.27 n) learners
 *   with the highest and the lowest total scores (questions correct, the item itself included),
 *   ties at a group's cut score sharing its remaining places (see groupWeights).
 * Every proportion is rounded to 4 decimals only at the end.
 */
export function analyzeItems(
  questions: readonly StoredQuizQuestion[],
  attempts: readonly ScoredAnswers[],
): ItemAnalysis {
  const n = attempts.length;
  const g = Math.max(1, Math.round(GROUP_FRACTION * n));
  const totals = attempts.map((a) => a.results.filter(Boolean).length);
  const upper = groupWeights(totals, g, 'upper');
  const lower = groupWeights(totals, g, 'lower');
  const items = questions.map((q, i): ItemStats => {
    let correct = 0;
    let upperCorrect = 0;
    let lowerCorrect = 0;
    let skipped = 0;
    const optionCounts = q.options.map(() => 0);
    attempts.forEach((a, j) => {
      const answer = a.answers[i] ?? [];
      if (answer.length === 0) skipped++;
      for (const c of answer) if (c < optionCounts.length) optionCounts[c]!++;
      if (a.results[i]) {
        correct++;
        upperCorrect += upper[j]!;
        lowerCorrect += lower[j]!;
      }
    });
    return {
      index: i,
      correctCount: correct,
      difficulty: round4(correct / n),
      discrimination: round4((upperCorrect - lowerCorrect) / g),
      pUpper: round4(upperCorrect / g),
      pLower: round4(lowerCorrect / g),
      optionCounts,
      skippedCount: skipped,
    };
  });
  const meanScore = totals.reduce((sum, t) => sum + t, 0) / (n * Math.max(1, questions.length));
  return { learners: n, groupSize: g, meanScore: round4(meanScore), items };
}

export interface QuizStats {
  quiz: QuizRow;
  attemptsCount: number;
  learnersCount: number;
  /** Null until QUIZ_LIMITS.minLearnersForStats learners have a first attempt. */
  analysis: ItemAnalysis | null;
}

/**
 * Item analysis for the quiz's author (403 for anyone else who can see it, 404 for the rest),
 * over each learner's first attempt, shown once at least QUIZ_LIMITS.minLearnersForStats
 * learners have one (analyzeItems states the rules).
 */
export async function getQuizStats(ctx: AppContext, accountId: string, id: string): Promise<QuizStats> {
  const quiz = await getOwnQuiz(ctx.db, accountId, id, 'see its item analysis');
  const [total] = await ctx.db
    .select({ n: count() })
    .from(quizAttempts)
    .where(eq(quizAttempts.quizId, quiz.id));
  const firsts = await ctx.db
    .selectDistinctOn([quizAttempts.accountId], {
      answers: quizAttempts.answers,
      results: quizAttempts.results,
    })
    .from(quizAttempts)
    .where(eq(quizAttempts.quizId, quiz.id))
    .orderBy(quizAttempts.accountId, asc(quizAttempts.id));
  const enough = firsts.length >= QUIZ_LIMITS.minLearnersForStats;
  return {
    quiz,
    attemptsCount: total?.n ?? 0,
    learnersCount: firsts.length,
    analysis: enough ? analyzeItems(quiz.questions, firsts) : null,
  };
}
