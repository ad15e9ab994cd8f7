import { normalizeTag } from '../text/parse.ts';
import { tagsInText } from './input.ts';

/**
 * The text of part `k` of `n` as its status carries it. The number leads ("2/5 …"), so a
 * Mastodon app shows the order at a glance and a truncated preview keeps it. Part 1 also carries
 * the title on its first line and, on its last line, the topic hashtags not already written in it:
 *
 *     1/5 Sepsis: the first hour
 *
 *     Part one's text.
 *
 *     #sepsis #emergencymedicine
 */
export function composePartText(
  k: number,
  n: number,
  text: string,
  first?: { title: string; tags: readonly string[] },
): string {
  const number = `${k}/${n}`;
  if (!first) return text === '' ? number : `${number} ${text}`;
  const written = new Set([...tagsInText(first.title), ...tagsInText(text)]);
  const missing = first.tags.filter((t) => !written.has(normalizeTag(t)));
  const blocks = [`${number} ${first.title}`, text, missing.map((t) => `#${t}`).join(' ')];
  return blocks.filter((b) => b !== '').join('\n\n');
}
