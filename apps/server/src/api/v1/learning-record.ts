import {
  type LearningRecordEntry,
  type LearningRecordSummary,
  zInt,
  zLearningRecordKind,
} from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import type { LearningRecordEntryRow } from '../../db/schema/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import {
  allEntries,
  deleteEntry,
  listRecord,
  MAX_REFLECTION,
  summarizeRecord,
  updateEntry,
} from '../../domain/learning/index.ts';
import { requireUser } from '../../mastodon/auth.ts';
import { accountUrl } from '../../mastodon/entities/account.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { readPage, setLinkHeader } from '../../mastodon/pagination.ts';
import { parseWith, pathId, readBody, readQuery } from '../../mastodon/params.ts';

const DAY = 24 * 3600 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date (`2026-01-31`, the whole UTC day) or an ISO 8601 time. `end` makes a date mean the end of
 * that day, so `from=2026-01-01&to=2026-12-31` covers the whole year.
 */
function zDate(end: boolean) {
  return (
    z
      .string()
      .refine((v) => (DATE_ONLY.test(v) || v.includes('T')) && !Number.isNaN(Date.parse(v)), {
        message: 'must be a date (2026-01-31) or an ISO 8601 time (2026-01-31T12:00:00Z)',
      })
      .transform((v) => new Date(Date.parse(v) + (end && DATE_ONLY.test(v) ? DAY : 0)))
      // PostgreSQL's timestamps end with the year 9999 (a 500 otherwise: "9999-12-31" as an end is 10000).
      .refine((d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999, {
        message: 'must fall between the years 1 and 9999',
      })
  );
}

export const zRecordQuery = z.object({
  kind: zLearningRecordKind.optional(),
  from: zDate(false).optional().meta({ description: 'Entries from this date or time (inclusive)' }),
  to: zDate(true)
    .optional()
    .meta({ description: 'Entries up to this date (the whole day) or time (exclusive)' }),
});

export const zExportQuery = zRecordQuery.extend({
  format: z.enum(['json', 'csv'], { message: 'must be json or csv' }).optional(),
});

export const zEntryChanges = z.object({
  reflection: z
    .string({ message: 'must be text' })
    .max(MAX_REFLECTION, `is too long (at most ${MAX_REFLECTION.toLocaleString('en')} characters)`)
    .nullish()
    .meta({ description: 'Null or "" removes it' }),
  time_spent_seconds: z
    .union([zInt(0, 7 * 24 * 3600), z.null()])
    .optional()
    .meta({ description: 'Whole seconds, at most a week; null removes it' }),
});

function checkRange(q: { from?: Date | undefined; to?: Date | undefined }): void {
  if (q.from && q.to && q.from >= q.to) {
    throw new ValidationError('to: must be after from', 'to');
  }
}

export function renderEntry(e: LearningRecordEntryRow): LearningRecordEntry {
  return {
    id: e.id,
    kind: e.kind,
    occurred_at: e.occurredAt.toISOString(),
    object: {
      type: e.objectKind,
      id: e.objectId,
      title: e.title,
      bloom_level: e.bloomLevel,
      status_id: e.statusId,
    },
    time_spent_seconds: e.timeSpentSeconds,
    reflection: e.reflection,
    details: e.details,
  };
}

const CSV_COLUMNS = [
  'date',
  'kind',
  'object_type',
  'object_id',
  'title',
  'bloom_level',
  'time_spent_minutes',
  'reflection',
  'details',
] as const;

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets
 * a leading apostrophe: a title is someone else's text, and exports are opened in Excel.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(entries: LearningRecordEntryRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.occurredAt.toISOString(),
        e.kind,
        e.objectKind,
        e.objectId,
        e.title,
        e.bloomLevel ?? '',
        e.timeSpentSeconds === null ? '' : (e.timeSpentSeconds / 60).toFixed(1),
        e.reflection ?? '',
        Object.keys(e.details).length ? JSON.stringify(e.details) : '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function attachment(c: Context, name: string): void {
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'no-store');
}

/**
 * The learner's portfolio (domain/learning/portfolio.ts): every completed tweetorial, quiz attempt
 * and case contribution, readable and exportable only by the learner.
 */
export function registerLearningRecord(app: MastodonApp): void {
  app.get('/api/rounds/v1/learning_record', async (c) => {
    const me = requireUser(c, 'read:accounts');
    const ctx = c.get('ctx');
    const q = parseWith(zRecordQuery, readQuery(c));
    checkRange(q);
    const rows = await listRecord(ctx, me.account.id, q, readPage(c));
    setLinkHeader(
      c,
      rows.map((r) => r.id),
      ctx.config.publicUrl,
    );
    return c.json(rows.map(renderEntry));
  });

  app.get('/api/rounds/v1/learning_record/export', async (c) => {
    const me = requireUser(c, 'read:accounts');
    const ctx = c.get('ctx');
    const q = parseWith(zExportQuery, readQuery(c));
    checkRange(q);
    const rows = await allEntries(ctx, me.account.id, q);
    const stamp = ctx.clock.now().toISOString().slice(0, 10);
    if (q.format === 'csv') {
      attachment(c, `rounds-learning-record-${stamp}.csv`);
      return c.body(toCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    attachment(c, `rounds-learning-record-${stamp}.json`);
    return c.json(rows.map(renderEntry));
  });

  app.get('/api/rounds/v1/learning_record/summary', async (c) => {
    const me = requireUser(c, 'read:accounts');
    const ctx = c.get('ctx');
    const q = parseWith(zRecordQuery.omit({ kind: true }), readQuery(c));
    checkRange(q);
    const now = ctx.clock.now();
    const to = q.to ?? now;
    const summary = await summarizeRecord(ctx, me.account.id, { from: q.from, to });
    const t = summary.totals;
    const body: LearningRecordSummary = {
      learner: {
        id: me.account.id,
        acct: me.account.username,
        display_name: me.account.displayName,
        url: accountUrl(ctx.config, me.account),
      },
      from: q.from?.toISOString() ?? null,
      to: to.toISOString(),
      generated_at: now.toISOString(),
      totals: {
        entries: t.entries,
        tweetorials_completed: t.tweetorialsCompleted,
        quiz_attempts: t.quizAttempts,
        quizzes: t.quizzes,
        case_contributions: t.caseContributions,
        cases: t.cases,
        time_spent_seconds: t.timeSpentSeconds,
        timed_entries: t.timedEntries,
        reflections: t.reflections,
      },
      by_bloom_level: summary.byBloomLevel,
      truncated: summary.truncated,
      entries: summary.entries.map(renderEntry),
    };
    return c.json(body);
  });

  app.put('/api/rounds/v1/learning_record/:id', async (c) => {
    const me = requireUser(c, 'write:accounts');
    const ctx = c.get('ctx');
    const id = pathId(c);
    const p = parseWith(zEntryChanges, await readBody(c));
    const row = await updateEntry(ctx, me.account.id, id, {
      reflection: p.reflection,
      timeSpentSeconds: p.time_spent_seconds,
    });
    return c.json(renderEntry(row));
  });

  app.delete('/api/rounds/v1/learning_record/:id', async (c) => {
    const me = requireUser(c, 'write:accounts');
    const id = pathId(c);
    await deleteEntry(c.get('ctx'), me.account.id, id);
    return c.json({});
  });
}
