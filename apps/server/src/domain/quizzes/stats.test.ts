import { describe, expect, it } from 'vitest';
import type { StoredQuizQuestion } from '../../db/schema/index.ts';
import { analyzeItems, type ScoredAnswers } from './stats.ts';

const question = (options = 2): StoredQuizQuestion => ({
  prompt: 'Q',
  type: 'single',
  bloomLevel: null,
  options: Array.from({ length: options }, (_, i) => ({ text: `O${i}`, explanation: 'x', correct: i === 0 })),
});

/** A learner who answered option 0 (correct) where `row` has 1, option 1 where it has 0. */
const learner = (row: number[]): ScoredAnswers => ({
  answers: row.map((r) => [r ? 0 : 1]),
  results: row.map((r) => r === 1),
});

const repeat = (n: number, row: number[]) => Array.from({ length: n }, () => learner(row));

describe('analyzeItems', () => {
  it('gives a negative discrimination to an item the weaker learners get right', () => {
    // L1–L3 [1,1,0] total 2; L4–L7 [1,0,0] total 1; L8–L10 [0,0,1] total 1. g = round(2.7) = 3.
    // Upper: L1–L3 wholly. Lower: the cut is 1 with nobody below, so the seven learners scoring 1
    // share the 3 places: weight 3/7 each.
    // Q1: p_upper = 1; p_lower = (3/7 × 4) / 3 = 4/7 = 0.5714; D = 3/7 = 0.4286.
    // Q3: p_upper = 0; p_lower = (3/7 × 3) / 3 = 3/7 = 0.4286; D = −0.4286.
    const attempts = [...repeat(3, [1, 1, 0]), ...repeat(4, [1, 0, 0]), ...repeat(3, [0, 0, 1])];
    const a = analyzeItems([question(), question(), question()], attempts);
    expect(a.groupSize).toBe(3);
    expect(a.items.map((i) => [i.difficulty, i.pUpper, i.pLower, i.discrimination])).toEqual([
      [0.7, 1, 0.5714, 0.4286],
      [0.3, 1, 0, 1],
      [0.3, 0, 0.4286, -0.4286],
    ]);
  });

  it('does not depend on the order of learners tied at a cut', () => {
    const attempts = [...repeat(3, [1, 1, 0]), ...repeat(4, [1, 0, 0]), ...repeat(3, [0, 0, 1])];
    const forward = analyzeItems([question(), question(), question()], attempts);
    const backward = analyzeItems([question(), question(), question()], [...attempts].reverse());
    expect(backward).toEqual(forward);
  });

  it('gives D = 0 when every learner has the same total, and rounds g halves up', () => {
    // 13 learners, all with total 1: g = round(3.51) = 4; both groups are everyone at weight 4/13.
    const attempts = [...repeat(6, [1, 0]), ...repeat(7, [0, 1])];
    const a = analyzeItems([question(), question()], attempts);
    expect(a.groupSize).toBe(4);
    expect(a.items.map((i) => [i.difficulty, i.pUpper, i.pLower, i.discrimination])).toEqual([
      [0.4615, 0.4615, 0.4615, 0],
      [0.5385, 0.5385, 0.5385, 0],
    ]);
    expect(a.meanScore).toBe(0.5);
  });
});
