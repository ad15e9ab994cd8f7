import { beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery, prefixTsQueryText, searchConfigFor } from '../src/domain/search/query.ts';
import { buildStatusTsQuery, parseWebSearch } from '../src/domain/search/tsquery.ts';
import { createTestEnv, type TestEnv } from './harness.ts';

describe('reading a search query', () => {
  it('splits web-search syntax into OR-groups of terms, dropping what cannot match', () => {
    expect(parseWebSearch('lung "point sign" or -needle decompression')).toEqual([
      [
        { text: 'lung', negated: false },
        { text: '"point sign"', negated: false },
      ],
      [
        { text: 'needle', negated: true },
        { text: 'decompression', negated: false },
      ],
    ]);
    expect(parseWebSearch('-needle')).toEqual([]);
    expect(parseWebSearch('or or & | :*')).toEqual([]);
    expect(parseWebSearch('"unclosed phrase')).toEqual([[{ text: '"unclosed phrase"', negated: false }]]);
  });

  it('classifies hashtags, addresses and URLs as Mastodon does', () => {
    expect(parseSearchQuery('  #POCUS ')).toMatchObject({
      text: '#POCUS',
      isHashtag: true,
      isAcct: false,
      url: null,
    });
    expect(parseSearchQuery('@bob@rounds.test')).toMatchObject({ isAcct: true, isHashtag: false });
    expect(parseSearchQuery('#pocus teaching').isHashtag).toBe(false);
    expect(parseSearchQuery('https://rounds.test/@bob/1').url?.pathname).toBe('/@bob/1');
    expect(parseSearchQuery('https://rounds.test/@bob/1').isAcct).toBe(false);
  });

  it('chooses a stemmer by language, English when unknown, plain words for languages without one', () => {
    expect(searchConfigFor('es')).toBe('spanish');
    expect(searchConfigFor('pt-BR')).toBe('portuguese');
    expect(searchConfigFor(null)).toBe('english');
    expect(searchConfigFor('ja')).toBe('simple');
  });

  it('builds safe prefix queries for names', () => {
    expect(prefixTsQueryText("Bob O'Neil")).toBe('bob:* & o:* & neil:*');
    expect(prefixTsQueryText("'); drop")).toBe('drop:*');
    expect(prefixTsQueryText('!!!')).toBeNull();
  });
});

describe('buildStatusTsQuery', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });

  it('reads the query stemmed and as spelled, once when both agree', async () => {
    const db = env.ctx.db;
    expect(await buildStatusTsQuery(db, 'cardiac ultrasounds', 'english')).toBe(
      "('cardiac' & 'ultrasound') | ('cardiac' & 'ultrasounds')",
    );
    expect(await buildStatusTsQuery(db, 'cardiac ultrasound', 'english')).toBe("'cardiac' & 'ultrasound'");
    expect(await buildStatusTsQuery(db, 'the', 'english')).toBe("'the'");
    expect(await buildStatusTsQuery(db, '"lung point" -needle', 'english')).toBe(
      "('lung' <-> 'point' & !'needl') | ('lung' <-> 'point' & !'needle')",
    );
    expect(await buildStatusTsQuery(db, 'a:* | b', 'english')).toBe("('b') | ('a' & 'b')");
    expect(await buildStatusTsQuery(db, '!!!', 'english')).toBeNull();
    await expect(buildStatusTsQuery(db, 'x', "english'; drop")).rejects.toThrow(/configuration/);
  });
});
