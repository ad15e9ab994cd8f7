import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { type CorpusScore, parseCorpus, scoreCorpus } from '../domain/phi/eval.ts';
import { describeSpans, detectPhi, type PhiSpan, redactPhi } from '../domain/phi/index.ts';

export interface PhiCommandIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const HELP = `Usage: rounds phi <command> [options]

Commands:
  scan                 read JSON lines {"id", "text"} on standard input and write, in the same
                       order, one line {"id", "spans": [{"start", "end", "type", "text"}]} per record
                       (offsets are JavaScript string indices, end exclusive)
  scan --text "..."    print the identifiers found in one text, readably, with its redaction
  eval FILE.jsonl      print recall and over-redaction, overall and per type, for a labelled file
                       in the format of shared/eval/phi (add --json for machine-readable output)

A scan line that is not valid JSON, or has no "text" string, is reported on standard error with its
line number; the scan goes on and exits with status 1 at the end.`;

/** Writes and waits for the stream to drain when its buffer is full, so large scans stream in constant memory. */
async function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function scanStream(io: PhiCommandIo): Promise<number> {
  let status = 0;
  let lineNo = 0;
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (e) {
      await write(io.stderr, `rounds phi scan: line ${lineNo}: invalid JSON (${(e as Error).message})\n`);
      status = 1;
      continue;
    }
    const r = record as { id?: unknown; text?: unknown } | null;
    if (r === null || typeof r !== 'object' || typeof r.text !== 'string') {
      await write(
        io.stderr,
        `rounds phi scan: line ${lineNo}: expected an object {"id", "text"} with a string "text"\n`,
      );
      status = 1;
      continue;
    }
    const spans = detectPhi(r.text);
    await write(io.stdout, `${JSON.stringify({ id: r.id ?? null, spans })}\n`);
  }
  return status;
}

function formatSpans(text: string, spans: PhiSpan[]): string {
  if (spans.length === 0) return `${describeSpans(spans)}\n`;
  const width = Math.max(...spans.map((s) => `${s.start}-${s.end}`.length));
  const rows = spans.map(
    (s) => `  ${`${s.start}-${s.end}`.padEnd(width)}  ${s.type.padEnd(30)}  ${JSON.stringify(s.text)}`,
  );
  return `${describeSpans(spans)}\n\n${rows.join('\n')}\n\nRedacted: ${redactPhi(text, spans)}\n`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function formatScore(file: string, s: CorpusScore): string {
  const lines = [
    `${file}: ${s.records} records`,
    `recall          ${pct(s.recall)}  (${s.found}/${s.values} labelled values fully covered)`,
    `over-redaction  ${pct(s.overRedaction)}  (${s.overRedacted}/${s.cleanRecords} records without PHI flagged)`,
    '',
    'per type         recall   found/total',
  ];
  const types = Object.entries(s.byType).sort((a, b) => b[1].total - a[1].total);
  for (const [type, t] of types)
    lines.push(`  ${type.padEnd(32)} ${pct(t.recall).padStart(6)}   ${t.found}/${t.total}`);
  return `${lines.join('\n')}\n`;
}

async function evalFile(args: string[], io: PhiCommandIo): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    await write(io.stderr, `rounds phi eval: missing FILE.jsonl\n\n${HELP}\n`);
    return 2;
  }
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (e) {
    await write(io.stderr, `rounds phi eval: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  let score: CorpusScore;
  try {
    score = scoreCorpus(parseCorpus(content));
  } catch (e) {
    await write(io.stderr, `rounds phi eval: ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  if (args.includes('--json')) {
    const { misses: _m, falsePositives: _f, ...summary } = score;
    await write(io.stdout, `${JSON.stringify(summary, null, 2)}\n`);
  } else {
    await write(io.stdout, formatScore(file, score));
  }
  return 0;
}

/**
 * `rounds phi`: scan text for patient identifiers or evaluate the detector. Returns the exit
 * status; all output goes through `io` so tests can drive it with in-memory streams.
 */
export async function runPhiCommand(args: string[], io: PhiCommandIo): Promise<number> {
  const [command, ...rest] = args;
  if (
    command === undefined ||
    command === '--help' ||
    command === '-h' ||
    command === 'help' ||
    rest.includes('--help')
  ) {
    await write(command === undefined ? io.stderr : io.stdout, `${HELP}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === 'scan') {
    const at = rest.indexOf('--text');
    if (at < 0) return scanStream(io);
    const text = rest[at + 1];
    if (text === undefined) {
      await write(io.stderr, 'rounds phi scan: --text needs a value\n');
      return 2;
    }
    await write(io.stdout, formatSpans(text, detectPhi(text)));
    return 0;
  }
  if (command === 'eval') return evalFile(rest, io);
  await write(io.stderr, `rounds phi: unknown command '${command}'\n\n${HELP}\n`);
  return 2;
}
