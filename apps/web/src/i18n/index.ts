import { type Catalog, en, type Message, type MessageKey } from './messages/en.ts';

export type { MessageKey } from './messages/en.ts';

export const LOCALES = ['en', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language named in itself, for the language picker. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español', ar: 'العربية' };

const RTL: ReadonlySet<Locale> = new Set(['ar']);
const STORAGE_KEY = 'rounds:locale';

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

/**
 * The language a person picked on this device, else the first of the browser's preferred
 * languages that Rounds speaks, else English.
 */
export function detectLocale(
  stored: string | null = readStoredLocale(),
  preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function readStoredLocale(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Remembers an explicit choice; from then on the browser's preference no longer decides. */
export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** English ships in the first bundle; other catalogs load on demand (a few KB each). */
export async function loadCatalog(locale: Locale): Promise<Catalog> {
  if (locale === 'es') return (await import('./messages/es.ts')).es;
  if (locale === 'ar') return (await import('./messages/ar.ts')).ar;
  return en;
}

function pick(message: Message, count: number | undefined, rules: Intl.PluralRules): string {
  if (typeof message === 'string') return message;
  const category = count === undefined ? 'other' : rules.select(count);
  return message[category] ?? message.other;
}

/**
 * A translate function for one locale: `{name}` placeholders are replaced, numbers formatted
 * in the locale's digits, and `count` chooses the plural form.
 */
export function createTranslator(locale: Locale, catalog: Catalog): Translate {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  return (key, vars) => {
    const message = catalog[key] ?? en[key];
    const count = typeof vars?.count === 'number' ? vars.count : undefined;
    const text = pick(message, count, rules);
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}
