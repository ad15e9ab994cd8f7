import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client.ts';
import { fetchInstance } from './api/instance.ts';
import { HOME_FIRST_PAGE, prefetchPage } from './api/prefetch.ts';
import { App } from './app.tsx';
import { forgetStoredToken, loadSession, SessionProvider, storedToken } from './auth/session.tsx';
import { I18nProvider } from './i18n/context.tsx';
import { detectLocale, loadCatalog } from './i18n/index.ts';
import { registerServiceWorker } from './lib/offline.ts';
import { matchRoute } from './router.tsx';
import './styles.css';

async function boot() {
  const locale = detectLocale();
  const token = storedToken();
  const api = createApi(
    () => null,
    () => undefined,
  );
  // The catalog, the signed-in account and the instance load in parallel before the first paint;
  // the account first, as the first paint waits for it.
  const signedIn = token ? loadSession(api, token) : null;
  if (token && matchRoute(location.pathname).name === 'home') {
    // Home's first page and chunks load beside the session check rather than after it and the
    // first render (on a slow phone that is seconds: docs/performance.md). The feed takes the page.
    prefetchPage(api, HOME_FIRST_PAGE, token);
    void import('./screens/home.tsx').catch(() => undefined);
  }
  void fetchInstance().catch(() => undefined);
  const [catalog, session] = await Promise.all([loadCatalog(locale), signedIn]);
  if (token && !session) forgetStoredToken();
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <I18nProvider locale={locale} catalog={catalog}>
        <SessionProvider initial={session}>
          <App />
        </SessionProvider>
      </I18nProvider>
    </StrictMode>,
  );
  if (import.meta.env.PROD) registerServiceWorker();
}

void boot();
