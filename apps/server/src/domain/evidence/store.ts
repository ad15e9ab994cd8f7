import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import {
  type AccountRow,
  type EvidenceLevel,
  type ReferenceSource,
  statusEvidence,
  statusReferences,
} from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { refuseIdentifiers } from '../phi/gate.ts';
import {
  findReferencesInText,
  normalizeDoi,
  normalizePmid,
  normalizeUrl,
  type Reference,
  recognizeReference,
  referenceKey,
} from './normalize.ts';

/** At most this many references are kept per status (attached ones first, then those in the text). */
export const MAX_REFERENCES_PER_STATUS = 40;

/** A reference as clients attach it: a string recognised as any form, or one named form. */
export type ReferenceParam = string | { doi: string } | { pmid: string | number } | { url: string };

/** The evidence part of a post or an edit, as the Rounds API received it. */
export interface EvidenceInput {
  /** References attached explicitly. On an edit, undefined keeps the attached ones. */
  references?: readonly ReferenceParam[] | undefined;
  /** The author's evidence level. On an edit, undefined keeps it and null removes it. */
  level?: EvidenceLevel | null | undefined;
}

export interface StoredReference extends Reference {
  source: ReferenceSource;
}

/** What a status carries: its evidence level (null when none is set) and its references, in order. */
export interface StatusEvidence {
  level: EvidenceLevel | null;
  references: StoredReference[];
}

export const NO_EVIDENCE: StatusEvidence = Object.freeze({ level: null, references: [] });

const FORMS = {
  doi: 'is not a DOI (write 10.<registrant>/<suffix>, doi:10.… or https://doi.org/10.…)',
  pmid: 'is not a PubMed id (write 12345678, PMID: 12345678 or https://pubmed.ncbi.nlm.nih.gov/12345678)',
  url: 'is not a web address (write an absolute http:// or https:// URL)',
  any: (noun: string) => `is not a ${noun} Rounds recognises (a DOI, "PMID: …" or an http(s) URL)`,
};

/**
 * One reference as a client sent it (a string recognised as any form, or one named form) in
 * normal form, or a 422 naming `<field>[.<form>]`: `references.2.doi`, `sources.0`. `noun` is what
 * the message calls it ("reference", "source").
 */
export function parseReferenceParam(param: ReferenceParam, field: string, noun = 'reference'): Reference {
  const fail = (message: string, at: string): never => {
    throw new ValidationError(`${at}: ${message}`, at);
  };
  if (typeof param === 'string') return recognizeReference(param) ?? fail(FORMS.any(noun), field);
  if ('doi' in param) {
    const doi = normalizeDoi(param.doi);
    return doi ? { kind: 'doi', value: doi } : fail(FORMS.doi, `${field}.doi`);
  }
  if ('pmid' in param) {
    const pmid = normalizePmid(param.pmid);
    return pmid ? { kind: 'pmid', value: pmid } : fail(FORMS.pmid, `${field}.pmid`);
  }
  return normalizeUrl(param.url) ?? fail(FORMS.url, `${field}.url`);
}

/**
 * Attached references through the PHI gate: a reference is a link, not a place for a patient
 * identifier, and a redacted link would lead nowhere, so identifiers found here are refused
 * outright (no redaction, no override).
 */
function guardAttached(
  refs: readonly Reference[],
  author: Pick<AccountRow, 'displayName' | 'username'>,
): void {
  const fields = Object.fromEntries(refs.map((r, i) => [`references.${i}`, r.value]));
  refuseIdentifiers(
    fields,
    author,
    () => 'A reference cannot carry patient identifiers: remove them from the link.',
  );
}

/** Normalises and checks attached references (422 naming the field, PHI refused). */
export function parseAttachedReferences(
  params: readonly ReferenceParam[],
  author: Pick<AccountRow, 'displayName' | 'username'>,
): Reference[] {
  const refs = params.map((p, i) => parseReferenceParam(p, `references.${i}`));
  guardAttached(refs, author);
  return refs;
}

/**
 * A status's references: the attached ones first, in the author's order, then those written in
 * the text, each reference once (attached wins), at most MAX_REFERENCES_PER_STATUS.
 * NOTE: `text` is the text as stored, after the PHI gate, so a redacted link is never recorded.
 */
export function mergeReferences(attached: readonly Reference[], text: string): StoredReference[] {
  const out = new Map<string, StoredReference>();
  for (const r of attached) {
    if (!out.has(referenceKey(r))) out.set(referenceKey(r), { ...r, source: 'attached' });
  }
  for (const r of findReferencesInText(text)) {
    if (!out.has(referenceKey(r))) out.set(referenceKey(r), { ...r, source: 'text' });
  }
  return [...out.values()].slice(0, MAX_REFERENCES_PER_STATUS);
}

/**
 * The evidence of a new status: references recognised in `text` plus those attached, and the
 * author's level. Throws before anything is stored (422 naming the field, or PHI refused).
 */
export function prepareStatusEvidence(
  text: string,
  input: EvidenceInput | undefined,
  author: Pick<AccountRow, 'displayName' | 'username'>,
): StatusEvidence {
  const attached = parseAttachedReferences(input?.references ?? [], author);
  return { level: input?.level ?? null, references: mergeReferences(attached, text) };
}

/** Stores a new status's evidence (in the caller's transaction). */
export async function insertStatusEvidence(
  tx: DbOrTx,
  statusId: string,
  evidence: StatusEvidence,
): Promise<void> {
  if (evidence.references.length > 0) {
    await tx
      .insert(statusReferences)
      .values(evidence.references.map((r, position) => ({ statusId, ...r, position })));
  }
  if (evidence.level) await tx.insert(statusEvidence).values({ statusId, level: evidence.level });
}

/** A status's stored evidence (the edit path; read paths load it with hydration). */
export async function findStatusEvidence(db: DbOrTx, statusId: string): Promise<StatusEvidence> {
  const refs = await db
    .select({
      kind: statusReferences.kind,
      value: statusReferences.value,
      source: statusReferences.source,
      position: statusReferences.position,
    })
    .from(statusReferences)
    .where(eq(statusReferences.statusId, statusId));
  const [level] = await db
    .select({ level: statusEvidence.level })
    .from(statusEvidence)
    .where(eq(statusEvidence.statusId, statusId));
  return {
    level: level?.level ?? null,
    references: refs
      .sort((a, b) => a.position - b.position)
      .map(({ kind, value, source }) => ({ kind, value, source })),
  };
}

/** An edit's evidence, worked out before its transaction: what to store, and whether it changed. */
export interface EvidenceEdit {
  next: StatusEvidence;
  changed: boolean;
}

function sameEvidence(a: StatusEvidence, b: StatusEvidence): boolean {
  return (
    a.level === b.level &&
    a.references.length === b.references.length &&
    a.references.every((r, i) => {
      const o = b.references[i]!;
      return r.kind === o.kind && r.value === o.value && r.source === o.source;
    })
  );
}

/**
 * The evidence a status has after an edit: references found again in the new `text`, the attached
 * ones replaced when `input.references` is given (kept otherwise), the level replaced when
 * `input.level` is given (null removes it). Null when the edit cannot change the evidence.
 * Throws before anything is stored (422 naming the field, or PHI refused).
 */
export async function planEvidenceEdit(
  db: DbOrTx,
  statusId: string,
  text: string,
  textChanged: boolean,
  input: EvidenceInput | undefined,
  author: Pick<AccountRow, 'displayName' | 'username'>,
): Promise<EvidenceEdit | null> {
  if (!textChanged && input?.references === undefined && input?.level === undefined) return null;
  const before = await findStatusEvidence(db, statusId);
  const attached =
    input?.references !== undefined
      ? parseAttachedReferences(input.references, author)
      : before.references.filter((r) => r.source === 'attached');
  const next: StatusEvidence = {
    level: input?.level !== undefined ? input.level : before.level,
    references: mergeReferences(attached, text),
  };
  return { next, changed: !sameEvidence(before, next) };
}

/** Replaces a status's evidence with `edit.next` (in the edit's transaction) when it changed. */
export async function applyEvidenceEdit(
  tx: DbOrTx,
  statusId: string,
  edit: EvidenceEdit | null,
): Promise<void> {
  if (!edit?.changed) return;
  await tx.delete(statusReferences).where(eq(statusReferences.statusId, statusId));
  await tx.delete(statusEvidence).where(eq(statusEvidence.statusId, statusId));
  await insertStatusEvidence(tx, statusId, edit.next);
}
