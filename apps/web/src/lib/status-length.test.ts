import { describe, expect, it } from 'vitest';
import { countStatusLength } from './status-length.ts';

describe('the composer’s character count', () => {
  it('counts what a person sees as one character once (emoji, accents, Arabic)', () => {
    expect(countStatusLength('👩🏽‍⚕️ ok')).toBe(4);
    expect(countStatusLength('é')).toBe(1);
    expect(countStatusLength('مرحبا')).toBe(5);
  });

  it('counts each link as 23 characters and a remote mention by its username', () => {
    const link = `See https://example.org/${'a'.repeat(80)} now`;
    expect(countStatusLength(link)).toBe(4 + 23 + 4);
    expect(countStatusLength('hi @bob@remote.example')).toBe('hi @bob'.length);
  });

  it('includes the content warning', () => {
    expect(countStatusLength('body', 'CW')).toBe(6);
  });
});
