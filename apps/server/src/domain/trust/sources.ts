import type { AccountRow, CorrectionSourceValue } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import {
  findReferencesInText,
  normalizeDoi,
  normalizePmid,
  normalizeUrl,
  type Reference,
  recognizeReference,
} from '../evidence/index.ts';
import { refuseIdentifiers } from '../phi/gate.ts';

/** A source as clients send it: a string recognised as any form, or one named form. */
export type SourceParam = string | { doi: string } | { pmid: string | number } | { url: string };

/** At most this many sources are kept per note (those sent first, then those in the text). */
export const MAX_NOTE_SOURCES = 20;

const FORMS = {
  doi: 'is not a DOI (write 10.<registrant>/<suffix>, doi:10.… or https://doi.org/10.…)',
  pmid: 'is not a PubMed id (write 12345678, PMID: 12345678 or https://pubmed.ncbi.nlm.nih.gov/12345678)',
  url: 'is not a web address (write an absolute http:// or https:// URL)',
  any: 'is not a source Rounds recognises (a DOI, "PMID: …" or an http(s) URL)',
};

function parseOne(param: SourceParam, i: number): Reference {
  const fail = (form: keyof typeof FORMS, field: string): never => {
    throw new ValidationError(`${field}: ${FORMS[form]}`, field);
  };
  if (typeof param === 'string') return recognizeReference(param) ?? fail('any', `sources.${i}`);
  if ('doi' in param) {
    const doi = normalizeDoi(param.doi);
    return doi ? { kind: 'doi', value: doi } : fail('doi', `sources.${i}.doi`);
  }
  if ('pmid' in param) {
    const pmid = normalizePmid(param.pmid);
    return pmid ? { kind: 'pmid', value: pmid } : fail('pmid', `sources.${i}.pmid`);
  }
  return normalizeUrl(param.url) ?? fail('url', `sources.${i}.url`);
}

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
  const sent = params.map(parseOne);
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
