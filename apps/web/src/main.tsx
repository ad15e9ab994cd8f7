import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client.ts';
import { fetchInstance } from './api/instance.ts';
import { App } from './app.tsx';
import { forgetStoredToken, loadSession, SessionProvider, storedToken } from './auth/session.tsx';
import { I18nProvider } from './i18n/context.tsx';
import { detectLocale, loadCatalog } from './i18n/index.ts';
import './styles.css';

async function boot() {
  const locale = detectLocale();
  const token = storedToken();
  // The catalog, the signed-in account and the instance load in parallel before the first paint.
  void fetchInstance().catch(() => undefined);
  const [catalog, session] = await Promise.all([
    loadCatalog(locale),
    token
      ? loadSession(
          createApi(
            () => null,
            () => undefined,
          ),
          token,
        )
      : null,
  ]);
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
}

void boot();
