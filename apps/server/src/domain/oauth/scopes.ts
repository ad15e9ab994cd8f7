/** Mastodon's OAuth scopes: the top-level ones and the granular ones they stand for. */
export const GRANULAR_SCOPES = [
  'read:accounts',
  'read:blocks',
  'read:bookmarks',
  'read:favourites',
  'read:filters',
  'read:follows',
  'read:lists',
  'read:mutes',
  'read:notifications',
  'read:search',
  'read:statuses',
  'write:accounts',
  'write:blocks',
  'write:bookmarks',
  'write:conversations',
  'write:favourites',
  'write:filters',
  'write:follows',
  'write:lists',
  'write:media',
  'write:mutes',
  'write:notifications',
  'write:reports',
  'write:statuses',
  'admin:read',
  'admin:write',
  'admin:read:accounts',
  'admin:write:accounts',
  'admin:read:reports',
  'admin:write:reports',
] as const;

export const TOP_SCOPES = ['read', 'write', 'follow', 'push', 'profile'] as const;
export const ALL_SCOPES: readonly string[] = [...TOP_SCOPES, ...GRANULAR_SCOPES];

const FOLLOW_COVERS = new Set([
  'read:blocks',
  'write:blocks',
  'read:follows',
  'write:follows',
  'read:mutes',
  'write:mutes',
]);

/** Splits a space- or plus-separated scope string, rejecting unknown scopes. */
export function parseScopes(
  raw: string | undefined | null,
  fallback = 'read',
): { scopes: string[]; unknown: string[] } {
  const list = (raw ?? '').split(/[\s+]+/).filter(Boolean);
  const scopes = list.length ? [...new Set(list)] : fallback.split(' ');
  return { scopes, unknown: scopes.filter((s) => !ALL_SCOPES.includes(s)) };
}

/** Whether a token holding `granted` may use an endpoint that requires `required`. */
export function hasScope(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const [top] = required.split(':');
  if (required.includes(':') && top && granted.includes(top) && top !== 'admin') return true;
  if (required.startsWith('admin:') && required.split(':').length === 3) {
    return granted.includes(required.split(':').slice(0, 2).join(':'));
  }
  if (FOLLOW_COVERS.has(required) && granted.includes('follow')) return true;
  // `profile` is the narrow scope for verify_credentials; `read` and `read:accounts` cover it.
  if (required === 'profile') return granted.includes('read') || granted.includes('read:accounts');
  return false;
}

/** Scopes requested must be a subset of what the app registered. */
export function isSubsetOf(requested: readonly string[], registered: readonly string[]): boolean {
  return requested.every((s) => registered.includes(s) || hasScope(registered, s));
}
