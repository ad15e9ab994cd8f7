import { describe, expect, it } from 'vitest';
import { compileAny, compileKeyword, htmlToText } from './match.ts';

const matches = (keyword: string, wholeWord: boolean, text: string) =>
  compileKeyword(keyword, wholeWord).pattern.test(text);

describe('filter keyword matching', () => {
  it('treats keywords as text, never as patterns', () => {
    expect(matches('c++', false, 'I write C++ daily')).toBe(true);
    expect(matches('a.b', false, 'axb')).toBe(false);
    expect(matches('(x)', true, 'see (x) here')).toBe(true);
    expect(matches('$5', true, 'costs $5.')).toBe(true);
  });

  it('applies word boundaries only where the keyword starts or ends with a word character', () => {
    expect(matches('#tag', true, 'a #tag!')).toBe(true);
    expect(matches('#tag', true, 'a #tagged post')).toBe(false);
    expect(matches('@twitter.com', true, 'x@twitter.com')).toBe(true);
    expect(matches('naïve', true, 'so naïve.')).toBe(true);
    expect(matches('naïve', true, 'naïveté')).toBe(false);
    expect(matches('日本', true, '日本語')).toBe(false);
  });

  it('folds case beyond ASCII', () => {
    expect(matches('ÉCHO', true, 'une écho rapide')).toBe(true);
    expect(matches('σεψη', false, 'ΣΕΨΗ')).toBe(true);
  });

  it('matches any of several keywords in one expression', () => {
    const any = compileAny([
      { keyword: 'cat', wholeWord: true },
      { keyword: 'dog', wholeWord: false },
    ]);
    expect(any?.test('hotdogs')).toBe(true);
    expect(any?.test('concatenate')).toBe(false);
    expect(compileAny([])).toBeNull();
  });

  it('reads status HTML as its text', () => {
    expect(htmlToText('<p>A &amp; E<br>now</p><p>&lt;tag&gt; &#39;q&#x27;</p>')).toBe(
      "A & E\nnow\n\n<tag> 'q'",
    );
  });
});
