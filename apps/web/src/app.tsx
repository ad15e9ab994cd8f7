import { lazy, Suspense, useState } from 'react';
import { useSession } from './auth/session.tsx';
import { MainNav } from './components/main-nav.tsx';
import { useI18n } from './i18n/context.tsx';
import { isLocale, LOCALE_NAMES, LOCALES } from './i18n/index.ts';
import { forgetOfflineData } from './lib/offline.ts';
import { Link, matchRoute, navigate, useLocation } from './router.tsx';
import { NotFoundScreen } from './screens/not-found.tsx';
import { WelcomeScreen } from './screens/welcome.tsx';

// Each screen is its own chunk: the first load carries only the shell and the screen it shows.
const HomeScreen = lazy(() => import('./screens/home.tsx').then((m) => ({ default: m.HomeScreen })));
const StatusScreen = lazy(() => import('./screens/status.tsx').then((m) => ({ default: m.StatusScreen })));
const ComposeThreadScreen = lazy(() =>
  import('./screens/compose-thread.tsx').then((m) => ({ default: m.ComposeThreadScreen })),
);
const SignUpScreen = lazy(() => import('./screens/sign-up.tsx').then((m) => ({ default: m.SignUpScreen })));
const NotificationsScreen = lazy(() =>
  import('./screens/notifications.tsx').then((m) => ({ default: m.NotificationsScreen })),
);
const ProfileScreen = lazy(() => import('./screens/profile.tsx').then((m) => ({ default: m.ProfileScreen })));
const TagScreen = lazy(() => import('./screens/tag.tsx').then((m) => ({ default: m.TagScreen })));
const SettingsScreen = lazy(() =>
  import('./screens/settings.tsx').then((m) => ({ default: m.SettingsScreen })),
);
const CallbackScreen = lazy(() =>
  import('./screens/callback.tsx').then((m) => ({ default: m.CallbackScreen })),
);
const PublicScreen = lazy(() => import('./screens/public.tsx').then((m) => ({ default: m.PublicScreen })));
const SearchScreen = lazy(() => import('./screens/search.tsx').then((m) => ({ default: m.SearchScreen })));
const BookmarksScreen = lazy(() =>
  import('./screens/bookmarks.tsx').then((m) => ({ default: m.BookmarksScreen })),
);
const ListsScreen = lazy(() => import('./screens/lists.tsx').then((m) => ({ default: m.ListsScreen })));
const ListScreen = lazy(() => import('./screens/list.tsx').then((m) => ({ default: m.ListScreen })));
const FollowsScreen = lazy(() => import('./screens/follows.tsx').then((m) => ({ default: m.FollowsScreen })));

function LanguagePicker() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="language">
      <span>{t('lang.label')}</span>
      <select
        value={locale}
        onChange={(e) => {
          if (isLocale(e.target.value)) void setLocale(e.target.value);
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

function Header(props: { path: string }) {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // The token is forgotten here either way; revocation failing offline is not worth a dead end.
    } finally {
      await forgetOfflineData();
      setSigningOut(false);
      navigate('/');
    }
  }

  return (
    <header className="banner">
      <div className="banner-inner">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="banner-tools">
          <LanguagePicker />
          {session ? (
            <>
              <span className="whoami">
                <span className="visually-hidden">{t('nav.signedInAs', { acct: '' })}</span>
                <span dir="ltr">@{session.account.acct}</span>
              </span>
              <button type="button" className="secondary" onClick={handleSignOut} disabled={signingOut}>
                {signingOut ? t('nav.signingOut') : t('nav.signOut')}
              </button>
            </>
          ) : null}
        </div>
        <MainNav path={props.path} />
      </div>
    </header>
  );
}

function Screen(props: { path: string; search: string }) {
  const { session } = useSession();
  const route = matchRoute(props.path);
  switch (route.name) {
    case 'home':
      return session ? <HomeScreen /> : <WelcomeScreen />;
    case 'sign-up':
      return <SignUpScreen />;
    case 'callback':
      return <CallbackScreen search={props.search} />;
    case 'compose-thread':
      return <ComposeThreadScreen />;
    case 'status':
      return <StatusScreen id={route.id} />;
    case 'notifications':
      return session ? <NotificationsScreen /> : <WelcomeScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'profile':
      return <ProfileScreen acct={route.acct} />;
    case 'tag':
      return <TagScreen name={route.tag} />;
    case 'follows':
      return <FollowsScreen key={`${route.acct}/${route.which}`} acct={route.acct} which={route.which} />;
    case 'public':
      return <PublicScreen search={props.search} />;
    case 'search':
      return <SearchScreen search={props.search} />;
    case 'bookmarks':
      return session ? <BookmarksScreen /> : <WelcomeScreen />;
    case 'lists':
      return session ? <ListsScreen /> : <WelcomeScreen />;
    case 'list':
      return session ? <ListScreen key={route.id} id={route.id} /> : <WelcomeScreen />;
    case 'not-found':
      return <NotFoundScreen />;
  }
}

/** The shell: skip link, banner, one main landmark holding the current screen. */
export function App() {
  const { t } = useI18n();
  const { path, search } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header path={path} />
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <Screen path={path} search={search} />
        </Suspense>
      </main>
    </>
  );
}
