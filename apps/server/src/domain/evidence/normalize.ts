import type { ReferenceKind } from '../../db/schema/index.ts';
import { tokenize } from '../text/parse.ts';

/**
 * References in one normal form, so every way of writing a paper names the same key:
 * `doi:10.1056/NEJMoa2034577`, `https://doi.org/10.1056/nejmoa2034577` and `10.1056/NEJMoa2034577.`
 * are all the DOI `10.1056/nejmoa2034577`. Pure functions, no I/O.
 */
export interface Reference {
  kind: ReferenceKind;
  /** DOI: lower case, no prefix; PMID: digits without leading zeros; URL: without its fragment. */
  value: string;
}

export const MAX_DOI_LENGTH = 300;
export const MAX_URL_LENGTH = 2048;

/** `10.` + a registrant code (digits, maybe dotted) + `/` + a suffix (DOI Handbook 2.2). */
// Control characters (NUL included: PostgreSQL refuses it in text) are never part of a DOI.
const DOI_SHAPE = /^10\.\d{4,9}(?:\.\d+)*\/[^\s\p{Cc}]+$/u;
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org']);
const PUBMED_HOSTS = new Set(['pubmed.ncbi.nlm.nih.gov', 'www.ncbi.nlm.nih.gov', 'ncbi.nlm.nih.gov']);

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

/**
 * Drops punctuation that ends a sentence rather than the reference: `.,;:!?'"*` and a closing
 * bracket with no opening one inside (DOIs such as `10.1016/s0140-6736(20)30183-5` keep theirs).
 */
export function trimTrailingPunctuation(s: string): string {
  let out = s;
  for (;;) {
    const last = out.at(-1);
    if (last === undefined) return out;
    if (`.,;:!?'"*>`.includes(last)) out = out.slice(0, -1);
    else if (last in CLOSERS && count(out, CLOSERS[last]!) < count(out, last)) out = out.slice(0, -1);
    else return out;
  }
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** A DOI in normal form, or null. Accepts `10.…/…`, `doi:10.…`, `DOI 10.…` and doi.org links. */
export function normalizeDoi(raw: string): string | null {
  // Quotes or a bracket opened before the reference belong to the sentence, not to it.
  let s = raw.trim().replace(/^["'([{<]+/, '');
  const link = s.match(/^(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/(.*)$/i);
  if (link) {
    const decoded = decode(link[1]!.replace(/[?#].*$/, ''));
    if (decoded === null) return null;
    s = decoded;
  }
  s = s.replace(/^doi[:\s]\s*/i, '');
  s = trimTrailingPunctuation(s);
  if (s.length > MAX_DOI_LENGTH || !DOI_SHAPE.test(s)) return null;
  return s.toLowerCase();
}

/** A PubMed id in normal form, or null. Accepts digits, `PMID: 123`, `PMID123` and PubMed links. */
export function normalizePmid(raw: string | number): string | null {
  let s = typeof raw === 'number' ? (Number.isSafeInteger(raw) ? String(raw) : '') : raw.trim();
  const link = s.match(
    /^(?:https?:\/\/)?(?:(?:www\.)?ncbi\.nlm\.nih\.gov\/pubmed|pubmed\.ncbi\.nlm\.nih\.gov)\/(\d+)\/?(?:[?#].*)?$/i,
  );
  if (link) s = link[1]!;
  s = s.replace(/^pmid:?\s*/i, '');
  if (!/^\d{1,10}$/.test(s)) return null;
  const digits = s.replace(/^0+/, '');
  return digits === '' || digits.length > 9 ? null : digits;
}

/**
 * A web address as a reference: a doi.org or PubMed link becomes that DOI or PMID; any other
 * http(s) URL is kept without its fragment (host lower-cased, default port dropped). Null for
 * anything that is not an absolute http(s) URL.
 */
export function normalizeUrl(raw: string): Reference | null {
  const s = raw.trim();
  if (s.length > MAX_URL_LENGTH || /\s/.test(s)) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  const host = url.hostname.toLowerCase();
  if (DOI_HOSTS.has(host)) {
    const doi = normalizeDoi(`https://doi.org${url.pathname}`);
    if (doi) return { kind: 'doi', value: doi };
  }
  if (PUBMED_HOSTS.has(host)) {
    const pmid = normalizePmid(`https://${host}${url.pathname}`);
    if (pmid) return { kind: 'pmid', value: pmid };
  }
  url.hash = '';
  return { kind: 'url', value: url.href };
}

/**
 * Recognises a reference written any supported way: a DOI (`10.…`, `doi:…`, doi.org link), a
 * PubMed id with its prefix (`PMID: …`) or link, or an http(s) URL. Null when it is none of these
 * (a bare number is not taken for a PMID here: say `PMID:` or use `{"pmid": …}`).
 */
export function recognizeReference(raw: string): Reference | null {
  const s = raw.trim();
  if (/^https?:\/\//i.test(s)) return normalizeUrl(s);
  const doi = normalizeDoi(s);
  if (doi) return { kind: 'doi', value: doi };
  if (/^pmid/i.test(s) || /^(?:www\.)?(?:pubmed\.|ncbi\.)/i.test(s)) {
    const pmid = normalizePmid(s);
    if (pmid) return { kind: 'pmid', value: pmid };
  }
  return null;
}

// DOIs and PubMed ids outside links: `doi:10.…`, a bare `10.…/…`, `dx.doi.org/10.…` without a
// scheme (not a link: Rounds links only http(s) URLs), `PMID: 123`, `pubmed.ncbi.nlm.nih.gov/123`.
const TEXT_DOI =
  /(?:(?<![\w.-])(?:(?:dx\.|www\.)?doi\.org\/|doi:\s?)|(?<![\w./-]))(10\.\d{4,9}(?:\.\d+)*\/[^\s<>"]+)/giu;
const TEXT_PMID =
  /(?<![\w./-])(?:pmid:?\s?|(?:www\.)?ncbi\.nlm\.nih\.gov\/pubmed\/|pubmed\.ncbi\.nlm\.nih\.gov\/)(\d{1,9})(?!\d)/giu;

/** Where a reference was found in text. */
interface Found extends Reference {
  at: number;
}

/**
 * The references written in a post's text, in order of appearance, each once: links (doi.org and
 * PubMed links become their DOI or PMID), and DOIs and PubMed ids written without a link.
 */
export function findReferencesInText(text: string): Reference[] {
  const found: Found[] = [];
  const links = tokenize(text).filter((t) => t.kind === 'link');
  for (const link of links) {
    const ref = normalizeUrl(link.url);
    if (ref) found.push({ ...ref, at: link.start });
  }
  const inLink = (start: number, end: number) => links.some((l) => start < l.end && end > l.start);
  for (const m of text.matchAll(TEXT_DOI)) {
    if (inLink(m.index, m.index + m[0].length)) continue;
    const doi = normalizeDoi(m[1]!);
    if (doi) found.push({ kind: 'doi', value: doi, at: m.index });
  }
  for (const m of text.matchAll(TEXT_PMID)) {
    if (inLink(m.index, m.index + m[0].length)) continue;
    const pmid = normalizePmid(m[1]!);
    if (pmid) found.push({ kind: 'pmid', value: pmid, at: m.index });
  }
  found.sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const out: Reference[] = [];
  for (const f of found) {
    const key = referenceKey(f);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: f.kind, value: f.value });
  }
  return out;
}

/** One string per distinct reference (`doi:10.1056/nejmoa2034577`). */
export function referenceKey(ref: Reference): string {
  return `${ref.kind}:${ref.value}`;
}

/** Where a reader follows the reference: the doi.org resolver, PubMed, or the URL itself. */
export function referenceUrl(ref: Reference): string {
  switch (ref.kind) {
    case 'doi':
      return `https://doi.org/${ref.value.split('/').map(encodeURIComponent).join('/')}`;
    case 'pmid':
      return `https://pubmed.ncbi.nlm.nih.gov/${ref.value}/`;
    case 'url':
      return ref.value;
  }
}

/** How the reference reads in the evidence line: `doi:10.…`, `PMID 123`, or the shortened URL. */
export function referenceLabel(ref: Reference): string {
  switch (ref.kind) {
    case 'doi':
      return `doi:${ref.value}`;
    case 'pmid':
      return `PMID ${ref.value}`;
    case 'url': {
      const display = ref.value.replace(/^https?:\/\/(www\.)?/i, '');
      return display.length > 30 ? `${display.slice(0, 30)}…` : display;
    }
  }
}
