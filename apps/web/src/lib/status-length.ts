const URL_PATTERN = /https?:\/\/[^\s<>"'`]+[^\s<>"'`.,:;!?)\]}]/giu;
const MENTION_PATTERN = /(^|[^\p{L}\p{N}_/])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]/giu;

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined) : null;

function graphemes(text: string): number {
  if (!segmenter) return [...text].length;
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}

/**
 * The length the server counts (domain/statuses/content.ts): user-perceived characters, each link
 * as `urlLength` characters whatever its length, a remote mention as its local part only, and the
 * content warning included.
 */
export function countStatusLength(text: string, spoilerText = '', urlLength = 23): number {
  const counted = text
    .replace(URL_PATTERN, 'x'.repeat(urlLength))
    .replace(MENTION_PATTERN, (_whole, before: string, username: string) => `${before}@${username}`);
  return graphemes(spoilerText) + graphemes(counted);
}
