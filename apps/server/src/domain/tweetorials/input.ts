import {
  type BloomLevel,
  TWEETORIAL_LIMITS,
  type TweetorialAudience,
  type TweetorialVisibility,
} from '@rounds/contract';
import type { AccountRow, EvidenceLevel } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import type { Reference } from '../evidence/index.ts';
import { parseAttachedReferences, type ReferenceParam } from '../evidence/store.ts';
import { refuseIdentifiers } from '../phi/gate.ts';
import { cleanText, countStatusLength, URL_PLACEHOLDER_LENGTH } from '../statuses/content.ts';
import { listedMediaIds } from '../statuses/create.ts';
import { normalizeTag, tokenize } from '../text/parse.ts';

/** A tweetorial as the Rounds API received it (publish, or a new version). */
export interface TweetorialInput {
  title: string;
  objectives: readonly string[];
  parts: ReadonlyArray<{ text: string; mediaIds?: readonly string[] | undefined }>;
  references: readonly ReferenceParam[];
  evidenceLevel?: EvidenceLevel | undefined;
  tags: readonly string[];
  audience: readonly TweetorialAudience[];
  bloomLevel: BloomLevel;
  visibility?: TweetorialVisibility | undefined;
  language?: string | undefined;
}

/** The input checked, cleaned and through the PHI gate: what gets published. */
export interface PreparedTweetorial {
  title: string;
  objectives: string[];
  parts: Array<{ text: string; mediaIds: string[] }>;
  references: Reference[];
  evidenceLevel: EvidenceLevel | null;
  /** Topic hashtags as first spelled, without "#", once each. */
  tags: string[];
  /** Normalised names of every hashtag the tweetorial uses (given, or written in the title or a part). */
  tagKeys: string[];
  audience: TweetorialAudience[];
  bloomLevel: BloomLevel;
  language: string | undefined;
}

type Author = Pick<AccountRow, 'displayName' | 'username'>;

function checkParts(parts: TweetorialInput['parts']): Array<{ text: string; mediaIds: string[] }> {
  const { minParts, maxParts, partChars } = TWEETORIAL_LIMITS;
  if (parts.length < minParts || parts.length > maxParts) {
    throw new ValidationError(
      `parts: a tweetorial has ${minParts} to ${maxParts} parts (${parts.length} given)`,
      'parts',
    );
  }
  return parts.map((p, i) => {
    const text = cleanText(p.text);
    const mediaIds = listedMediaIds(p.mediaIds);
    if (text === '' && mediaIds.length === 0) {
      throw new ValidationError(
        `parts.${i}.text: can't be blank (write the part, or attach media)`,
        `parts.${i}.text`,
      );
    }
    const length = countStatusLength(text);
    if (length > partChars) {
      throw new ValidationError(
        `parts.${i}.text: is too long (${length} characters; at most ${partChars}, links count as ${URL_PLACEHOLDER_LENGTH})`,
        `parts.${i}.text`,
      );
    }
    return { text, mediaIds };
  });
}

/** Given hashtags once each (first spelling wins), without "#". */
function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of tags) {
    const name = raw.trim().replace(/^#/, '');
    if (name !== '' && !seen.has(normalizeTag(name))) seen.set(normalizeTag(name), name);
  }
  return [...seen.values()];
}

/** Normalised names of the hashtags written in `text`. */
export function tagsInText(text: string): string[] {
  return tokenize(text).flatMap((t) => (t.kind === 'tag' ? [normalizeTag(t.name)] : []));
}

/**
 * Every field of a tweetorial through the PHI gate at once, each under its own name (`title`,
 * `objectives.0`, `parts.2.text`, `tags.1`): identifiers anywhere refuse the whole tweetorial (422
 * `phi_detected`, each span naming its field), before anything is stored. A tweetorial is published
 * as written, so there is no redaction or override here; the composer's check comes first.
 */
function guardFields(prepared: Omit<PreparedTweetorial, 'tagKeys' | 'references'>, author: Author): void {
  const fields: Record<string, string> = { title: prepared.title };
  prepared.objectives.forEach((o, i) => {
    fields[`objectives.${i}`] = o;
  });
  prepared.parts.forEach((p, i) => {
    fields[`parts.${i}.text`] = p.text;
  });
  prepared.tags.forEach((t, i) => {
    fields[`tags.${i}`] = t;
  });
  guardNamed(fields, author);
}

/** The PHI gate over a tweetorial's fields (or a completion's reflection): refused outright, fields named. */
export function guardNamed(fields: Record<string, string>, author: Author): void {
  refuseIdentifiers(fields, author, (where) => `Found in ${where}: remove them; nothing was stored.`);
}

/**
 * Checks a tweetorial before anything is stored: 2 to 25 parts of at most 500 characters each
 * (as Mastodon counts; empty only with media), references in a recognised form, and every field
 * through the PHI gate. Throws a 422 naming the field.
 */
export function prepareTweetorial(input: TweetorialInput, author: Author): PreparedTweetorial {
  const title = cleanText(input.title).replace(/\s*\n\s*/g, ' ');
  if (title === '') throw new ValidationError('title: is required', 'title');
  const objectives = input.objectives.map((o) => cleanText(o)).filter((o) => o !== '');
  const parts = checkParts(input.parts);
  const tags = uniqueTags(input.tags);
  const audience = [...new Set(input.audience)];
  const base = {
    title,
    objectives,
    parts,
    evidenceLevel: input.evidenceLevel ?? null,
    tags,
    audience,
    bloomLevel: input.bloomLevel,
    language: input.language,
  };
  guardFields(base, author);
  const references = parseAttachedReferences(input.references, author);
  const tagKeys = new Set([
    ...tags.map(normalizeTag),
    ...tagsInText(title),
    ...parts.flatMap((p) => tagsInText(p.text)),
  ]);
  return { ...base, references, tagKeys: [...tagKeys] };
}
