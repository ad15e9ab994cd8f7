import { describe, expect, it } from 'vitest';
import type { Visibility } from '../../db/schema/index.ts';
import { effectiveQuotePolicy, quotePermission } from './quote-policy.ts';
import { ANONYMOUS, canSeeRow, type ViewerRelations } from './visibility.ts';

const AUTHOR = '1';
const VIEWER = '2';

function rel(overrides: Partial<ViewerRelations> = {}): ViewerRelations {
  return {
    viewerId: VIEWER,
    following: new Set(),
    blockedEither: new Set(),
    blocking: new Set(),
    mentionedIn: new Set(),
    ...overrides,
  };
}

const row = (visibility: Visibility, accountId = AUTHOR) => ({ id: '10', accountId, visibility });

describe('canSeeRow', () => {
  it('shows public and unlisted to everyone, anonymous included', () => {
    for (const v of ['public', 'unlisted'] as const) {
      expect(canSeeRow(row(v), ANONYMOUS)).toBe(true);
      expect(canSeeRow(row(v), rel())).toBe(true);
    }
  });

  it('shows private to followers and mentioned accounts, direct to mentioned accounts only', () => {
    expect(canSeeRow(row('private'), ANONYMOUS)).toBe(false);
    expect(canSeeRow(row('private'), rel())).toBe(false);
    expect(canSeeRow(row('private'), rel({ following: new Set([AUTHOR]) }))).toBe(true);
    expect(canSeeRow(row('private'), rel({ mentionedIn: new Set(['10']) }))).toBe(true);
    expect(canSeeRow(row('direct'), rel({ following: new Set([AUTHOR]) }))).toBe(false);
    expect(canSeeRow(row('direct'), rel({ mentionedIn: new Set(['10']) }))).toBe(true);
  });

  it('always shows authors their own posts', () => {
    expect(canSeeRow(row('direct', VIEWER), rel())).toBe(true);
  });

  it('hides everything across a block in either direction', () => {
    const blocked = rel({ blockedEither: new Set([AUTHOR]), following: new Set([AUTHOR]) });
    for (const v of ['public', 'unlisted', 'private'] as const)
      expect(canSeeRow(row(v), blocked)).toBe(false);
  });
});

describe('quotePermission', () => {
  const status = (quotePolicy: 'public' | 'followers' | 'nobody', visibility: Visibility = 'public') => ({
    accountId: AUTHOR,
    visibility,
    quotePolicy,
    reblogOfId: null,
  });

  it('follows the policy for others', () => {
    expect(quotePermission(status('public'), rel())).toBe('automatic');
    expect(quotePermission(status('followers'), rel())).toBe('denied');
    expect(quotePermission(status('followers'), rel({ following: new Set([AUTHOR]) }))).toBe('automatic');
    expect(quotePermission(status('nobody'), rel({ following: new Set([AUTHOR]) }))).toBe('denied');
    expect(quotePermission(status('public'), ANONYMOUS)).toBe('unknown');
  });

  it('lets authors quote themselves except in private mentions', () => {
    const own = rel({ viewerId: AUTHOR });
    expect(quotePermission(status('nobody', 'private'), own)).toBe('automatic');
    expect(quotePermission(status('nobody', 'direct'), own)).toBe('denied');
  });

  it('never lets others quote followers-only or direct posts, whatever the stored policy', () => {
    expect(effectiveQuotePolicy({ ...status('public', 'private') })).toBe('nobody');
    expect(quotePermission(status('public', 'private'), rel({ following: new Set([AUTHOR]) }))).toBe(
      'denied',
    );
  });
});
