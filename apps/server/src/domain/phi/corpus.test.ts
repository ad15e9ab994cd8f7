import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type EvalRecord, isCountedLabel, namesADay, parseCorpus, scoreCorpus } from './eval.ts';

// <repo>/apps/server/src/domain/phi → <repo>/../shared/eval/phi
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const evalDir = path.resolve(repoRoot, '../shared/eval/phi');

function load(file: string): EvalRecord[] {
  return parseCorpus(readFileSync(path.join(evalDir, file), 'utf8'));
}

describe('acceptance on the development corpora', () => {
  it('ASQ-PHI: recall >= 0.98 and over-redaction <= 0.08', () => {
    const score = scoreCorpus(load('asq-phi.dev.jsonl'));
    expect(score.recall, JSON.stringify(score.misses.slice(0, 10))).toBeGreaterThanOrEqual(0.98);
    expect(score.overRedaction, JSON.stringify(score.falsePositives.slice(0, 10))).toBeLessThanOrEqual(0.08);
  });

  it('Presidio synthetic, HIPAA identifier types only: recall >= 0.95', () => {
    const score = scoreCorpus(load('presidio-synth.dev.jsonl'));
    expect(score.recall, JSON.stringify(score.misses.slice(0, 10))).toBeGreaterThanOrEqual(0.95);
    expect(Object.keys(score.byType)).not.toContain('GPE');
  });
});

describe('scoreCorpus', () => {
  const records: EvalRecord[] = [
    {
      id: 'a',
      text: 'Seen by Dr. Emily Brown on March 5th, 2021.',
      phi: [
        { type: 'NAME', value: 'Dr. Emily Brown' },
        { type: 'DATE', value: 'March 5th, 2021' },
      ],
    },
    { id: 'b', text: 'Wells score of 6 in a 60-year-old.', phi: [] },
    {
      id: 'c',
      text: 'Founded in 1977 by Jensen.',
      phi: [
        { type: 'DATE_TIME', value: '1977', start: 11, end: 15 },
        { type: 'ORGANIZATION', value: 'X', start: 0, end: 1 },
      ],
    },
  ];

  it('computes recall over counted labels and over-redaction over records without PHI', () => {
    const score = scoreCorpus(records, (text) =>
      text.startsWith('Seen') ? [{ start: 8, end: 23, type: 'NAME', text: 'Dr. Emily Brown' }] : [],
    );
    expect(score.values).toBe(2);
    expect(score.found).toBe(1);
    expect(score.byType.DATE).toEqual({ total: 1, found: 0, recall: 0 });
    expect(score.cleanRecords).toBe(1);
    expect(score.overRedaction).toBe(0);
  });

  it('counts a record without PHI in which anything is detected as over-redacted', () => {
    const score = scoreCorpus(records, (text) => [
      { start: 0, end: 4, type: 'NAME', text: text.slice(0, 4) },
    ]);
    expect(score.overRedacted).toBe(1);
    expect(score.overRedaction).toBe(1);
  });

  it('counts only Presidio types that are HIPAA identifiers, and dates that name a day', () => {
    expect(isCountedLabel('GPE', 'Tunisia')).toBe(false);
    expect(isCountedLabel('PERSON', 'Jensen')).toBe(true);
    expect(isCountedLabel('DATE_TIME', '1977')).toBe(false);
    expect(namesADay('2/8/1935')).toBe(true);
    expect(namesADay('Saturday')).toBe(false);
    expect(namesADay('1970-09-29 20:21:24')).toBe(true);
  });

  it('rejects a corpus line that is not JSON, naming the line', () => {
    expect(() => parseCorpus('{"id":1,"text":"a","phi":[]}\nnot json')).toThrow(/line 2/);
  });
});
