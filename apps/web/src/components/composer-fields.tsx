import { useMemo } from 'react';
import { VISIBILITY_OPTIONS, type Visibility } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { defaultLanguage, languageChoices, languageNamer } from '../lib/composer-languages.ts';

/** The stricter of two visibilities: a reply never reaches further than its parent. */
export function stricter(a: Visibility, b: Visibility): Visibility {
  return VISIBILITY_OPTIONS.indexOf(a) >= VISIBILITY_OPTIONS.indexOf(b) ? a : b;
}

export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

/** The language a new post starts in (the person's posting preference, else the browser's). */
export function useDefaultLanguage(): string {
  const { session } = useSession();
  const { locale } = useI18n();
  return defaultLanguage(session?.account.source?.language, browserLanguages(), locale);
}

/** Who can see the post. */
export function VisibilitySelect(props: { id: string; value: Visibility; onChange(v: Visibility): void }) {
  const { t } = useI18n();
  return (
    <div className="inline-field">
      <label htmlFor={props.id}>{t('composer.visibility')}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as Visibility)}
      >
        {VISIBILITY_OPTIONS.map((v) => (
          <option key={v} value={v}>
            {t(`visibility.${v}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The language the post is written in: readers' filters and translation use it. */
export function LanguageSelect(props: { id: string; value: string; onChange(code: string): void }) {
  const { t, locale } = useI18n();
  const { session } = useSession();
  const preference = session?.account.source?.language;
  const { value } = props;
  const options = useMemo(() => {
    const name = languageNamer(locale);
    return languageChoices(value, [preference, ...browserLanguages(), locale]).map((code) => ({
      code,
      name: name(code),
    }));
  }, [value, preference, locale]);
  return (
    <div className="inline-field">
      <label htmlFor={props.id}>{t('composer.language')}</label>
      <select id={props.id} value={value} onChange={(e) => props.onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
