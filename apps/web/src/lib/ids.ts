/** Snowflake-style ids compare by length, then as strings: true when `a` is newer than `b`. */
export function isNewerId(a: string, b: string | null | undefined): boolean {
  if (!b) return true;
  if (a.length !== b.length) return a.length > b.length;
  return a > b;
}

/** `list` followed by the items of `more` it does not hold yet (a next page that overlaps the last). */
export function appendUnseen<T extends { id: string }>(list: readonly T[], more: readonly T[]): T[] {
  const known = new Set(list.map((item) => item.id));
  return [...list, ...more.filter((item) => !known.has(item.id))];
}
