import { describe, expect, it } from 'vitest';
import { defaultLanguage, languageChoices } from './composer-languages.ts';

describe('the language of a new post', () => {
  it('follows the posting preference, else the browser, else the interface', () => {
    expect(defaultLanguage('es', ['en-US'], 'en')).toBe('es');
    expect(defaultLanguage(null, ['ar-EG', 'en'], 'en')).toBe('ar');
    expect(defaultLanguage(undefined, [], 'es')).toBe('es');
  });

  it('offers the current choice and the person’s languages first, each once', () => {
    const choices = languageChoices('sw', ['es', 'es-MX', null, 'en']);
    expect(choices.slice(0, 3)).toEqual(['sw', 'es', 'en']);
    expect(new Set(choices).size).toBe(choices.length);
  });
});
