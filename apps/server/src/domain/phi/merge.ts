import type { Candidate, PhiSpan, Range } from './types.ts';

function overlaps(c: Candidate, ranges: readonly Range[]): boolean {
  for (const r of ranges) if (c.start < r.end && r.start < c.end) return true;
  return false;
}

function within(c: Candidate, ranges: readonly Range[]): boolean {
  for (const r of ranges) if (r.start <= c.start && c.end <= r.end) return true;
  return false;
}

const WORD_LEVEL = new Set(['NAME', 'GEOGRAPHIC_LOCATION']);

/**
 * Drops findings that touch a citation, tag or handle, and names or places that lie inside an
 * eponym or a drug name (an address that merely contains "SMITH'S GREEN" stays).
 */
export function applyAllowed(
  cands: Candidate[],
  all: readonly Range[],
  words: readonly Range[],
): Candidate[] {
  return cands.filter((c) => !overlaps(c, all) && !(WORD_LEVEL.has(c.type) && within(c, words)));
}

// Between two pieces of one place: "Mayo Clinic in Rochester, MN", "Valley Clinic, New York".
const PLACE_JOIN = /^(?:\s*,\s*|\s+in\s+|\s+)$/;

/**
 * Sorted, non-overlapping spans. Overlapping or touching findings become one span whose type is
 * that of the highest-priority finding (the longest on a tie); adjacent pieces of one place join.
 */
export function mergeCandidates(text: string, cands: Candidate[]): PhiSpan[] {
  const sorted = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Candidate[] = [];
  for (const c of sorted) {
    const last = merged[merged.length - 1];
    if (last && c.start < last.end) {
      const better =
        c.priority > last.priority ||
        (c.priority === last.priority && c.end - c.start > last.end - last.start);
      if (better) {
        last.type = c.type;
        last.priority = c.priority;
      }
      last.end = Math.max(last.end, c.end);
      continue;
    }
    if (
      last &&
      last.type === 'GEOGRAPHIC_LOCATION' &&
      c.type === 'GEOGRAPHIC_LOCATION' &&
      PLACE_JOIN.test(text.slice(last.end, c.start))
    ) {
      last.end = Math.max(last.end, c.end);
      continue;
    }
    merged.push({ ...c });
  }
  return merged.map((c) => ({ start: c.start, end: c.end, type: c.type, text: text.slice(c.start, c.end) }));
}
