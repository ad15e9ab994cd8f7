import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { type PhiAuditRow, type PollRow, phiAuditLog } from '../../db/schema/index.ts';
import type { EventBus } from '../events.ts';
import { findPollOfStatus } from '../polls/store.ts';
import { type CreateStatusInput, createStatus, type StatusRecord } from '../statuses/index.ts';

/** What a post would have become, learnt by posting it in a savepoint that is then rolled back. */
export interface Rehearsal {
  status: StatusRecord;
  /** The poll as it would be stored (options through the PHI gate), or null. */
  poll: PollRow | null;
  /** The PHI audit entries the post would have written (redactions and overrides). */
  audits: PhiAuditRow[];
}

/** Thrown to roll the savepoint back while carrying what was learnt out of it. */
class RolledBack extends Error {
  constructor(readonly rehearsal: Rehearsal) {
    super('rehearsal rolled back');
  }
}

/** Events of a post that never happened go nowhere. */
const SILENT_EVENTS: EventBus = {
  emit: () => {},
  on: () => () => {},
  idle: async () => {},
};

/**
 * Posts `input` for real inside a savepoint of `tx`, then rolls the savepoint back. Every rule a
 * post must pass (length, PHI gate, reply and quote targets, quote policy, media, poll limits) is
 * checked by the very code that will publish it, so a post that would fail fails now, with the
 * same 422/404, and nothing is kept: no status, counters, tags, media links or events.
 */
export async function rehearseStatus(
  ctx: AppContext,
  tx: DbOrTx,
  accountId: string,
  input: CreateStatusInput,
): Promise<Rehearsal> {
  try {
    await tx.transaction(async (savepoint) => {
      // NOTE: createStatus opens its own (nested) transaction on ctx.db; given the savepoint it
      // becomes a further savepoint inside it, so the rollback below undoes all of it.
      const dry: AppContext = { ...ctx, db: savepoint as unknown as Db, events: SILENT_EVENTS };
      const status = await createStatus(dry, accountId, input);
      const poll = await findPollOfStatus(savepoint, status.id);
      const audits = await savepoint.select().from(phiAuditLog).where(eq(phiAuditLog.targetId, status.id));
      throw new RolledBack({ status, poll, audits });
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.rehearsal;
    throw error;
  }
  throw new Error('unreachable: the rehearsal always rolls back');
}
