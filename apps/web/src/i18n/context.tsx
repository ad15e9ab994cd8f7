import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useState,
} from 'react';
import {
  createTranslator,
  directionOf,
  type Locale,
  loadCatalog,
  storeLocale,
  type Translate,
} from './index.ts';
import type { Catalog } from './messages/en.ts';

export interface I18n {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  setLocale(locale: Locale): Promise<void>;
  /** A date and time in the reader's locale and time zone. */
  formatDateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { locale: Locale; catalog: Catalog; children: ReactNode }) {
  const [state, setState] = useState({ locale: props.locale, catalog: props.catalog });

  const setLocale = useCallback(async (locale: Locale) => {
    const catalog = await loadCatalog(locale);
    storeLocale(locale);
    setState({ locale, catalog });
  }, []);

  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = state.locale;
    root.dir = directionOf(state.locale);
  }, [state.locale]);

  const value = useMemo<I18n>(() => {
    const dates = new Intl.DateTimeFormat(state.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      locale: state.locale,
      dir: directionOf(state.locale),
      t: createTranslator(state.locale, state.catalog),
      setLocale,
      formatDateTime: (iso) => dates.format(new Date(iso)),
    };
  }, [state, setLocale]);

  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
