import { describe, expect, it } from 'vitest';
import { countStatusLength, MAX_STATUS_CHARS, normalizeLanguage } from './content.ts';

describe('countStatusLength', () => {
  it('counts user-perceived characters, not UTF-16 units', () => {
    expect(countStatusLength('héllo')).toBe(5);
    expect(countStatusLength('🫀🫁')).toBe(2);
    expect(countStatusLength('👩🏽‍⚕️')).toBe(1);
  });

  it('counts every link as 23 characters whatever its length', () => {
    expect(countStatusLength('https://a.io')).toBe(23);
    expect(countStatusLength(`see https://example.org/${'x'.repeat(300)} now`)).toBe(4 + 23 + 4);
  });

  it('counts a remote mention without its domain and adds the content warning', () => {
    expect(countStatusLength('@bob@other.example hi')).toBe('@bob hi'.length);
    expect(countStatusLength('body', 'CW')).toBe(6);
  });

  it('has the 5,000 character limit', () => {
    expect(MAX_STATUS_CHARS).toBe(5000);
  });
});

describe('normalizeLanguage', () => {
  it('accepts ISO 639-1 codes in any case and treats blank as none', () => {
    expect(normalizeLanguage('EN')).toBe('en');
    expect(normalizeLanguage('')).toBeNull();
    expect(normalizeLanguage(undefined)).toBeNull();
  });

  it('refuses anything else with an error naming the field', () => {
    expect(() => normalizeLanguage('english')).toThrow(/language/);
  });
});
