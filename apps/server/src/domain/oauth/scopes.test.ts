import { describe, expect, it } from 'vitest';
import { hasScope, isSubsetOf, parseScopes } from './scopes.ts';

describe('scopes', () => {
  it('lets top-level scopes cover their granular scopes', () => {
    expect(hasScope(['read'], 'read:statuses')).toBe(true);
    expect(hasScope(['write'], 'write:favourites')).toBe(true);
    expect(hasScope(['read'], 'write:statuses')).toBe(false);
    expect(hasScope(['follow'], 'write:blocks')).toBe(true);
    expect(hasScope(['follow'], 'write:statuses')).toBe(false);
    expect(hasScope(['read:accounts'], 'profile')).toBe(true);
    expect(hasScope(['write:statuses'], 'write:media')).toBe(false);
  });

  it('parses plus- and space-separated lists and reports unknown scopes', () => {
    expect(parseScopes('read+write follow').scopes).toEqual(['read', 'write', 'follow']);
    expect(parseScopes('read bogus').unknown).toEqual(['bogus']);
    expect(parseScopes(undefined).scopes).toEqual(['read']);
  });

  it('checks a request against what the app registered', () => {
    expect(isSubsetOf(['read:statuses'], ['read'])).toBe(true);
    expect(isSubsetOf(['write'], ['read'])).toBe(false);
  });
});
