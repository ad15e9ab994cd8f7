import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { isId } from '../../db/ids.ts';
import { type CaseRow, cases } from '../../db/schema/index.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { LearningObjectRef } from '../learning/index.ts';
import { getVisibleProperRow } from '../statuses/index.ts';

/** The case row, or null (malformed ids included). */
export async function findCase(db: DbOrTx, id: string): Promise<CaseRow | null> {
  if (!isId(id)) return null;
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  return row ?? null;
}

/**
 * The case if `viewerId` may see its case status (the statuses domain's rules: followers-only
 * for followers, blocks either way); otherwise NotFoundError, as for a case that does not exist.
 */
export async function getVisibleCase(db: DbOrTx, viewerId: string | null, id: string): Promise<CaseRow> {
  const row = await findCase(db, id);
  if (!row) throw new NotFoundError();
  await getVisibleProperRow(db, viewerId, row.statusId);
  return row;
}

/** The case for its author's commands: 404 when invisible, 403 when someone else's. */
export async function getOwnCase(db: DbOrTx, accountId: string, id: string, what: string): Promise<CaseRow> {
  const row = await getVisibleCase(db, accountId, id);
  if (row.accountId !== accountId) throw new ForbiddenError(`Only the case's author can ${what}`);
  return row;
}

/** The learning object reference that links the case's statuses (rounds.learning). */
export function caseRef(row: Pick<CaseRow, 'id' | 'bloomLevel'>): LearningObjectRef {
  return { kind: 'case', objectId: row.id, bloomLevel: row.bloomLevel };
}

/** The statuses that present the case: itself, the poll self-reply, the reveal, the outcome. */
export function caseStatusIds(
  row: Pick<CaseRow, 'statusId' | 'pollStatusId' | 'revealStatusId' | 'outcomeStatusId'>,
): string[] {
  return [row.statusId, row.pollStatusId, row.revealStatusId, row.outcomeStatusId].filter(
    (id): id is string => id !== null,
  );
}

/** Deep enough for any thread (the signed-in thread limit). */
const MAX_THREAD_DEPTH = 4096;

/**
 * The case whose thread `statusId` replies into, directly or nested (its nearest ancestor that is
 * a case status), or null. One recursive query up the reply chain.
 */
export async function findCaseOfReply(db: DbOrTx, statusId: string): Promise<CaseRow | null> {
  if (!isId(statusId)) return null;
  const result = await db.execute(sql`
    with recursive ancestors (id, in_reply_to_id, depth) as (
      select s.id, s.in_reply_to_id, 0 from statuses s where s.id = ${statusId}
      union all
      select p.id, p.in_reply_to_id, a.depth + 1
      from statuses p join ancestors a on p.id = a.in_reply_to_id
      where a.depth < ${MAX_THREAD_DEPTH}
    )
    select c.id::text as id from ancestors a join ${cases} c on c.status_id = a.id
    where a.depth > 0 order by a.depth limit 1`);
  const id = (result as { rows?: Array<{ id: unknown }> }).rows?.[0]?.id;
  return id === undefined ? null : findCase(db, String(id));
}
