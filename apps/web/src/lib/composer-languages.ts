/**
 * Languages offered for a post: the common ones first, plus the person's own. Mastodon takes ISO
 * 639-1 codes; the server checks them (packages/contract STATUS_LANGUAGES).
 */
export const COMMON_LANGUAGES = [
  'en',
  'es',
  'ar',
  'fr',
  'pt',
  'de',
  'it',
  'nl',
  'tr',
  'fa',
  'ur',
  'hi',
  'bn',
  'sw',
  'ru',
  'uk',
  'pl',
  'zh',
  'ja',
  'ko',
  'id',
  'vi',
  'he',
  'el',
] as const;

function base(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const code = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(code) ? code : null;
}

/**
 * The language a new post starts in: the person's posting preference (Mastodon's
 * `source.language`), else the browser's first language, else the interface's.
 */
export function defaultLanguage(
  preference: string | null | undefined,
  browser: readonly string[],
  uiLocale: string,
): string {
  return base(preference) ?? base(browser[0]) ?? base(uiLocale) ?? 'en';
}

/** Codes for the picker: the current choice and the person's languages first, no duplicates. */
export function languageChoices(current: string, extra: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const code of [current, ...extra.map(base), ...COMMON_LANGUAGES]) {
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Each language named in the reader's language ("Spanish" in English, "الإسبانية" in Arabic). */
export function languageNamer(uiLocale: string): (code: string) => string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([uiLocale], { type: 'language' });
  } catch {
    names = null;
  }
  return (code) => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code;
    }
  };
}
