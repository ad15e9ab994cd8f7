import { LinkifyIt } from 'linkify-it';

export interface MentionToken {
  kind: 'mention';
  start: number;
  end: number;
  username: string;
  domain: string | null;
}
export interface TagToken {
  kind: 'tag';
  start: number;
  end: number;
  name: string;
}
export interface LinkToken {
  kind: 'link';
  start: number;
  end: number;
  url: string;
}
export type Token = MentionToken | TagToken | LinkToken;

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

// A mention or hashtag must not follow a word character (so "a@b.c" and "C#" stay plain text).
const MENTION =
  /(?<![\p{L}\p{N}_/@])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([a-z0-9.-]+\.[a-z]{2,}))?/giu;
const HASHTAG = /(?<![\p{L}\p{N}_/&#])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu;

/** Finds links, mentions and hashtags in source text; links win where they overlap. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of linkify.match(text) ?? []) {
    if (!/^https?:/i.test(m.url)) continue;
    tokens.push({ kind: 'link', start: m.index, end: m.lastIndex, url: m.url });
  }
  const free = (start: number, end: number) => !tokens.some((t) => start < t.end && end > t.start);
  for (const m of text.matchAll(MENTION)) {
    const start = m.index;
    const end = start + m[0].length;
    if (free(start, end)) {
      tokens.push({ kind: 'mention', start, end, username: m[1]!, domain: m[2]?.toLowerCase() ?? null });
    }
  }
  for (const m of text.matchAll(HASHTAG)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1]!.length <= 100 && free(start, end)) tokens.push({ kind: 'tag', start, end, name: m[1]! });
  }
  return tokens.sort((a, b) => a.start - b.start);
}

/** Lower-cased, NFKC-normalised hashtag name used for matching. */
export function normalizeTag(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export function isValidTagName(name: string): boolean {
  return /^[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*$/u.test(name) && name.length <= 100;
}
