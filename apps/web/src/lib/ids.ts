/** Snowflake-style ids compare by length, then as strings: true when `a` is newer than `b`. */
export function isNewerId(a: string, b: string | null | undefined): boolean {
  if (!b) return true;
  if (a.length !== b.length) return a.length > b.length;
  return a > b;
}
