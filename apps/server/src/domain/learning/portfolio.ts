import { BLOOM_LEVELS, type BloomLevel, type LearningRecordKind } from '@rounds/contract';
import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { accounts, type LearningRecordEntryRow, learningRecordEntries } from '../../db/schema/index.ts';
import { NotFoundError } from '../errors.ts';
import { orderPage, type Page, pageWindow } from '../pagination.ts';
import { guardText } from '../phi/gate.ts';

/** The reflection a learner writes on an entry; long enough for a CME reflective note. */
export const MAX_REFLECTION = 5_000;

/** A half-open time range [from, to): `to` is exclusive. */
export interface DateRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface RecordQuery extends DateRange {
  kind?: LearningRecordKind | undefined;
}

function conditions(accountId: string, q: RecordQuery): SQL[] {
  const conds: SQL[] = [eq(learningRecordEntries.accountId, accountId)];
  if (q.kind) conds.push(eq(learningRecordEntries.kind, q.kind));
  if (q.from) conds.push(gte(learningRecordEntries.occurredAt, q.from));
  if (q.to) conds.push(lt(learningRecordEntries.occurredAt, q.to));
  return conds;
}

/** One page of the learner's own record, newest first (ids follow the time the act happened). */
export async function listRecord(
  ctx: AppContext,
  accountId: string,
  q: RecordQuery,
  page: Page,
): Promise<LearningRecordEntryRow[]> {
  const window = pageWindow(learningRecordEntries.id, page);
  const rows = await ctx.db
    .select()
    .from(learningRecordEntries)
    .where(and(...conditions(accountId, q), window.where))
    .orderBy(window.orderBy)
    .limit(page.limit);
  return orderPage(rows, page);
}

/** At most this many entries in one export or summary; a range narrows a bigger record. */
export const MAX_EXPORT_ENTRIES = 10_000;

/** Every entry in a range, oldest first, for the export and the summary. */
export async function allEntries(
  ctx: AppContext,
  accountId: string,
  q: RecordQuery,
): Promise<LearningRecordEntryRow[]> {
  return ctx.db
    .select()
    .from(learningRecordEntries)
    .where(and(...conditions(accountId, q)))
    .orderBy(learningRecordEntries.occurredAt, learningRecordEntries.id)
    .limit(MAX_EXPORT_ENTRIES);
}

async function ownEntry(ctx: AppContext, accountId: string, id: string): Promise<LearningRecordEntryRow> {
  const [row] = await ctx.db
    .select()
    .from(learningRecordEntries)
    .where(and(eq(learningRecordEntries.id, id), eq(learningRecordEntries.accountId, accountId)));
  // Someone else's entry is not found, as if it did not exist.
  if (!row) throw new NotFoundError('No such entry in your learning record');
  return row;
}

export interface EntryChanges {
  /** Undefined keeps it; null or '' removes it. */
  reflection?: string | null | undefined;
  timeSpentSeconds?: number | null | undefined;
}

/**
 * The learner adds or changes a reflection or the time spent. A reflection is the learner's own
 * but may go into a CME claim, so it passes the PHI guard like every word in Rounds: a patient
 * identifier refuses the change (422 with the spans and a redacted suggestion).
 */
export async function updateEntry(
  ctx: AppContext,
  accountId: string,
  id: string,
  changes: EntryChanges,
): Promise<LearningRecordEntryRow> {
  await ownEntry(ctx, accountId, id);
  const set: Partial<LearningRecordEntryRow> = {};
  if (changes.reflection !== undefined) {
    const text = changes.reflection?.trim() ?? '';
    if (text) {
      const [me] = await ctx.db
        .select({ displayName: accounts.displayName, username: accounts.username })
        .from(accounts)
        .where(eq(accounts.id, accountId));
      // A learner naming themselves is not a patient identifier (as when completing a tweetorial).
      guardText('learning_record', { reflection: text }, undefined, {
        closedAudience: true,
        ownNames: me ? [me.displayName, me.username] : [],
      });
    }
    set.reflection = text || null;
  }
  if (changes.timeSpentSeconds !== undefined) set.timeSpentSeconds = changes.timeSpentSeconds;
  if (Object.keys(set).length === 0) return ownEntry(ctx, accountId, id);
  const [row] = await ctx.db
    .update(learningRecordEntries)
    .set(set)
    .where(and(eq(learningRecordEntries.id, id), eq(learningRecordEntries.accountId, accountId)))
    .returning();
  return row!;
}

/** The learner removes an entry from their record (the act itself, e.g. a quiz attempt, stays). */
export async function deleteEntry(ctx: AppContext, accountId: string, id: string): Promise<void> {
  await ownEntry(ctx, accountId, id);
  await ctx.db
    .delete(learningRecordEntries)
    .where(and(eq(learningRecordEntries.id, id), eq(learningRecordEntries.accountId, accountId)));
}

export interface RecordSummary {
  entries: LearningRecordEntryRow[];
  totals: {
    entries: number;
    tweetorialsCompleted: number;
    quizAttempts: number;
    /** Distinct quizzes attempted. */
    quizzes: number;
    caseContributions: number;
    /** Distinct cases contributed to. */
    cases: number;
    /** Sum of the known times; entries without one add nothing. */
    timeSpentSeconds: number;
    /** Entries that carry a time. */
    timedEntries: number;
    reflections: number;
  };
  byBloomLevel: Record<BloomLevel, number>;
  /** True when the range holds more than MAX_EXPORT_ENTRIES entries and the list was cut. */
  truncated: boolean;
}

/**
 * A certificate-ready summary of a range: what was done, how often, at which Bloom levels and for
 * how long, with every entry listed, so a CME provider can check the claim line by line.
 */
export async function summarizeRecord(
  ctx: AppContext,
  accountId: string,
  range: DateRange,
): Promise<RecordSummary> {
  const entries = await allEntries(ctx, accountId, range);
  const byBloomLevel = Object.fromEntries(BLOOM_LEVELS.map((l) => [l, 0])) as Record<BloomLevel, number>;
  const quizzes = new Set<string>();
  const cases = new Set<string>();
  const totals = {
    entries: entries.length,
    tweetorialsCompleted: 0,
    quizAttempts: 0,
    quizzes: 0,
    caseContributions: 0,
    cases: 0,
    timeSpentSeconds: 0,
    timedEntries: 0,
    reflections: 0,
  };
  for (const e of entries) {
    if (e.kind === 'tweetorial_completed') totals.tweetorialsCompleted++;
    else if (e.kind === 'quiz_attempt') {
      totals.quizAttempts++;
      quizzes.add(e.objectId);
    } else {
      totals.caseContributions++;
      cases.add(e.objectId);
    }
    if (e.timeSpentSeconds !== null) {
      totals.timeSpentSeconds += e.timeSpentSeconds;
      totals.timedEntries++;
    }
    if (e.reflection) totals.reflections++;
    if (e.bloomLevel) byBloomLevel[e.bloomLevel]++;
  }
  totals.quizzes = quizzes.size;
  totals.cases = cases.size;
  return { entries, totals, byBloomLevel, truncated: entries.length >= MAX_EXPORT_ENTRIES };
}
