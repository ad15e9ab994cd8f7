import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runPhiCommand } from './phi.ts';

async function run(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await runPhiCommand(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, out, err };
}

describe('rounds phi scan', () => {
  it('writes one line of spans per record, in input order', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'Pt Jane Doe, MRN: 4471-2290' }),
      JSON.stringify({ id: 2, text: 'Wells score of 6 in #POCUS teaching' }),
      JSON.stringify({ id: 'c', text: 'Seen 03/15/2022' }),
    ].join('\n');
    const { code, out, err } = await run(['scan'], `${input}\n`);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 2, 'c']);
    expect(lines[0].spans).toEqual([
      { start: 3, end: 11, type: 'NAME', text: 'Jane Doe' },
      { start: 18, end: 27, type: 'MEDICAL_RECORD_NUMBER', text: '4471-2290' },
    ]);
    expect(lines[1].spans).toEqual([]);
    expect(lines[2].spans[0]).toMatchObject({ type: 'DATE', text: '03/15/2022' });
  });

  it('reports a bad line with its number, keeps going and exits 1', async () => {
    const input = `${JSON.stringify({ id: 1, text: 'ok' })}\n{not json\n${JSON.stringify({ id: 3 })}\n${JSON.stringify({ id: 4, text: 'call 555-123-4567' })}\n`;
    const { code, out, err } = await run(['scan'], input);
    expect(code).toBe(1);
    expect(err).toContain('line 2: invalid JSON');
    expect(err).toContain('line 3:');
    expect(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([1, 4]);
  });

  it('prints the spans of one text readably with --text', async () => {
    const { code, out } = await run(['scan', '--text', 'Marguerite Okafor, MRN 4471-2290']);
    expect(code).toBe(0);
    expect(out).toContain("Possible patient identifiers: name 'Marguerite Okafor', MRN '4471-2290'");
    expect(out).toContain('MEDICAL_RECORD_NUMBER');
    expect(out).toContain('Redacted: [NAME], MRN [MRN]');
  });
});

describe('rounds phi eval', () => {
  it('prints recall and over-redaction overall and per type', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phi-eval-'));
    const file = path.join(dir, 'tiny.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: '1',
          text: 'Seen by Dr. Emily Brown on March 5th, 2021.',
          phi: [
            { type: 'NAME', value: 'Dr. Emily Brown' },
            { type: 'DATE', value: 'March 5th, 2021' },
          ],
        }),
        JSON.stringify({ id: '2', text: 'Wells score of 6.', phi: [] }),
      ].join('\n'),
    );
    const { code, out } = await run(['eval', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/recall\s+100\.0%\s+\(2\/2/);
    expect(out).toMatch(/over-redaction\s+0\.0%\s+\(0\/1/);
    expect(out).toMatch(/NAME\s+100\.0%\s+1\/1/);
    const json = await run(['eval', file, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ recall: 1, overRedaction: 0 });
  });

  it('fails readably on a missing file', async () => {
    const { code, err } = await run(['eval', '/nonexistent/file.jsonl']);
    expect(code).toBe(1);
    expect(err).toContain('cannot read /nonexistent/file.jsonl');
  });
});

describe('rounds phi --help', () => {
  it('prints usage', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: rounds phi');
  });

  it('rejects an unknown command', async () => {
    const { code, err } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toContain("unknown command 'frobnicate'");
  });
});
