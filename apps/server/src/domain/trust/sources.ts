import type { AccountRow, CorrectionSourceValue } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { findReferencesInText, parseReferenceParam, type ReferenceParam } from '../evidence/index.ts';
import { refuseIdentifiers } from '../phi/gate.ts';

/** A source as clients send it: a string recognised as any form, or one named form. */
export type SourceParam = ReferenceParam;

/** At most this many sources are kept per note (those sent first, then those in the text). */
export const MAX_NOTE_SOURCES = 20;

/**
 * A note's sources, normalised as evidence references are (one key per paper): those sent in
 * `sources` first, then those written in the text, each once. A note needs at least one: none is a
 * 422 naming `sources`. A source is a link, not a place for a patient identifier: one found there is
 * refused outright.
 */
export function parseNoteSources(
  params: readonly SourceParam[],
  text: string,
  writer: Pick<AccountRow, 'displayName' | 'username'>,
): CorrectionSourceValue[] {
  const sent = params.map((p, i) => parseReferenceParam(p, `sources.${i}`, 'source'));
  const fields = Object.fromEntries(sent.map((r, i) => [`sources.${i}`, r.value]));
  refuseIdentifiers(
    fields,
    writer,
    () => 'A source cannot carry patient identifiers: remove them from the link.',
  );
  const out = new Map<string, CorrectionSourceValue>();
  for (const r of [...sent, ...findReferencesInText(text)]) {
    const key = `${r.kind}:${r.value}`;
    if (!out.has(key)) out.set(key, { kind: r.kind, value: r.value });
  }
  if (out.size === 0) {
    throw new ValidationError(
      'sources: a correction note needs at least one source — add the DOI, PubMed id or link of the evidence that shows the correction (in `sources` or in the text)',
      'sources',
    );
  }
  return [...out.values()].slice(0, MAX_NOTE_SOURCES);
}
