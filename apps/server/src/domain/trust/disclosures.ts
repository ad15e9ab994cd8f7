import type { DisclosureKind } from '@rounds/contract';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  type AccountDisclosures,
  type AccountRow,
  accounts,
  type DisclosureEntryValue,
} from '../../db/schema/index.ts';
import { getAccount } from '../accounts/index.ts';
import { ValidationError } from '../errors.ts';
import { guardText, type PhiSpace } from '../phi/gate.ts';
import { lockStatusTrust, writePostDisclosure } from './marks.ts';

/** How each kind of interest reads (the profile field, the web client). */
export const DISCLOSURE_KIND_LABELS: Readonly<Record<DisclosureKind, string>> = {
  industry_funding: 'Industry funding',
  speaker_fees: 'Speaker fees',
  consulting: 'Consulting',
  equity: 'Equity',
  advisory_board: 'Advisory board',
  other: 'Other',
};

/**
 * Disclosures name companies and funders by design ("Speaker fees: Novo Nordisk"), which the PHI
 * detector would read as personal names; other identifiers (record numbers, phone numbers, e-mail
 * and street addresses, dates of care) are still refused.
 */
const DISCLOSURE_SPACE: PhiSpace = { closedAudience: false, expectedTypes: ['NAME', 'GEOGRAPHIC_LOCATION'] };

export interface DisclosuresInput {
  none?: boolean | undefined;
  text?: string | null | undefined;
  entries?:
    | ReadonlyArray<{
        kind: DisclosureKind;
        organisation: string;
        from_year?: number | null | undefined;
        to_year?: number | null | undefined;
      }>
    | undefined;
}

function guardFields(fields: Record<string, string>, author: Pick<AccountRow, 'displayName' | 'username'>) {
  if (Object.keys(fields).length === 0) return;
  // No decision is possible: a disclosure can always be written without a patient identifier.
  guardText('profile', fields, undefined, {
    ...DISCLOSURE_SPACE,
    ownNames: [author.displayName, author.username],
  });
}

/**
 * Replaces the member's declaration (PUT /api/rounds/v1/disclosures). `none` declares no competing
 * interests and cannot come with entries or text; nothing at all withdraws the declaration (null).
 * Free text ≤ 1,000 characters, entries ≤ 20, each through the PHI gate (422 naming the field).
 * Kept on the account row, so every Account entity shows it; emits AccountUpdated.
 */
export async function declareDisclosures(
  ctx: AppContext,
  accountId: string,
  input: DisclosuresInput,
): Promise<AccountDisclosures | null> {
  const text = input.text?.trim() || null;
  const entries: DisclosureEntryValue[] = (input.entries ?? []).map((e, i) => {
    const fromYear = e.from_year ?? null;
    const toYear = e.to_year ?? null;
    if (fromYear !== null && toYear !== null && toYear < fromYear) {
      throw new ValidationError(
        `entries.${i}.to_year: is before from_year (${fromYear})`,
        `entries.${i}.to_year`,
      );
    }
    return { kind: e.kind, organisation: e.organisation.trim(), fromYear, toYear };
  });
  if (input.none && (text !== null || entries.length > 0)) {
    throw new ValidationError(
      'none: you declared no competing interests and listed some; send either none: true or your interests',
      'none',
    );
  }
  const author = await getAccount(ctx.db, accountId);
  guardFields(
    {
      ...(text ? { text } : {}),
      ...Object.fromEntries(entries.map((e, i) => [`entries.${i}.organisation`, e.organisation])),
    },
    author,
  );
  const value: AccountDisclosures | null =
    input.none || text !== null || entries.length > 0
      ? { none: !!input.none, text, entries, updatedAt: ctx.clock.now().toISOString() }
      : null;
  await ctx.db
    .update(accounts)
    .set({ disclosures: value, updatedAt: ctx.clock.now() })
    .where(eq(accounts.id, accountId));
  ctx.events.emit('AccountUpdated', { accountId });
  return value;
}

/** The member's own declaration (GET /api/rounds/v1/disclosures); null when never declared. */
export async function getDisclosures(ctx: AppContext, accountId: string): Promise<AccountDisclosures | null> {
  const account = await getAccount(ctx.db, accountId);
  return account.disclosures ?? null;
}

/** The per-post disclosure flag as the Rounds API received it (POST and PUT /statuses). */
export interface PostDisclosureInput {
  disclosure?: boolean | undefined;
  text?: string | null | undefined;
}

/**
 * The flag a post will carry: `{text}` when flagged, null when not, undefined when the input says
 * nothing (an edit keeps the flag). A text without `disclosure` flags the post; a text with
 * `disclosure: false` is a 422. The text passes the PHI gate as disclosures do.
 */
export function preparePostDisclosure(
  input: PostDisclosureInput | undefined,
  author: Pick<AccountRow, 'displayName' | 'username' | 'disclosures'>,
): { text: string | null } | null | undefined {
  if (!input || (input.disclosure === undefined && input.text === undefined)) return undefined;
  const text = input.text?.trim() || null;
  if (input.disclosure === false) {
    if (text !== null) {
      throw new ValidationError(
        'disclosure_text: a disclosure text needs disclosure: true (or leave the text out to remove the flag)',
        'disclosure_text',
      );
    }
    return null;
  }
  if (text) {
    // Shown on the post: names are checked as in the post itself, except the member's own and the
    // organisations they declared ("I consult for Novo Nordisk" once Novo Nordisk is declared).
    const organisations = author.disclosures?.entries.map((e) => e.organisation) ?? [];
    guardText('profile', { disclosure_text: text }, undefined, {
      closedAudience: false,
      ownNames: [author.displayName, author.username, ...organisations],
    });
  }
  return { text };
}

/**
 * Stores a prepared post disclosure in the transaction that writes the post (create or edit).
 * Returns whether it changed.
 */
export async function storePostDisclosure(
  tx: DbOrTx,
  statusId: string,
  disclosure: { text: string | null } | null | undefined,
  now: Date,
): Promise<boolean> {
  if (disclosure === undefined) return false;
  await lockStatusTrust(tx, statusId, now);
  return writePostDisclosure(tx, statusId, disclosure, now);
}
