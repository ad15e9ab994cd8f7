import { describe, expect, it } from 'vitest';
import { createTranslator, detectLocale, directionOf, loadCatalog } from './index.ts';
import { en } from './messages/en.ts';

describe('translations', () => {
  it('follows the browser until the person picks a language', () => {
    expect(detectLocale(null, ['ar-EG', 'en'])).toBe('ar');
    expect(detectLocale(null, ['fr-FR', 'es-MX'])).toBe('es');
    expect(detectLocale(null, ['fr-FR'])).toBe('en');
    expect(detectLocale('es', ['ar'])).toBe('es');
    expect(detectLocale('klingon', ['ar'])).toBe('ar');
  });

  it('mirrors Arabic only', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('es')).toBe('ltr');
  });

  it('uses each language’s plural rules', async () => {
    const ar = createTranslator('ar', await loadCatalog('ar'));
    expect(ar('home.newPosts', { count: 1 })).toBe('اعرض منشورًا جديدًا واحدًا');
    expect(ar('home.newPosts', { count: 2 })).toBe('اعرض منشورين جديدين');
    expect(ar('home.newPosts', { count: 3 })).toContain('منشورات');
    expect(ar('home.newPosts', { count: 11 })).toContain('منشورًا');
    const english = createTranslator('en', en);
    expect(english('home.newPosts', { count: 1 })).toBe('Show 1 new post');
    expect(english('composer.remaining', { count: 4889 })).toBe('4,889 characters left');
  });

  it('translates every key, with the same placeholders', async () => {
    for (const locale of ['es', 'ar'] as const) {
      const catalog = await loadCatalog(locale);
      for (const [key, source] of Object.entries(en)) {
        const message = catalog[key as keyof typeof en];
        expect(message, `${locale} ${key}`).toBeTruthy();
        const names = (m: unknown) =>
          [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).filter((n) => n !== 'count');
        expect(new Set(names(message)), `${locale} ${key}`).toEqual(new Set(names(source)));
      }
    }
  });
});
