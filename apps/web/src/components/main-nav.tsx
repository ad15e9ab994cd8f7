import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import { useUnreadNotifications } from '../lib/unread-notifications.ts';
import { Link } from '../router.tsx';
import './screens.css';

interface Item {
  href: string;
  label: MessageKey;
  /** Also the current page under this prefix (a list under /lists). */
  prefix?: string;
}

/** The main navigation: everything for a signed-in person, the public parts for a visitor. */
export function MainNav(props: { path: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  const unread = useUnreadNotifications(props.path);
  const items: Item[] = session
    ? [
        { href: '/', label: 'nav.home' },
        { href: '/public', label: 'nav.public' },
        { href: '/search', label: 'nav.search' },
        { href: '/notifications', label: 'nav.notifications' },
        { href: '/bookmarks', label: 'nav.bookmarks' },
        { href: '/lists', label: 'nav.lists', prefix: '/lists/' },
        { href: `/@${session.account.acct}`, label: 'nav.profile', prefix: `/@${session.account.acct}/` },
        { href: '/settings', label: 'nav.settings' },
      ]
    : [
        { href: '/public', label: 'nav.public' },
        { href: '/search', label: 'nav.search' },
      ];
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((item) => {
          const current = props.path === item.href || (item.prefix && props.path.startsWith(item.prefix));
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current ? 'page' : undefined}>
                {t(item.label)}
                {item.href === '/notifications' && unread > 0 ? (
                  <>
                    <span className="nav-badge" aria-hidden="true">
                      {unread > 99 ? t('nav.badgeMany') : t('actions.count', { count: unread })}
                    </span>
                    <span className="visually-hidden"> {t('nav.unread', { count: unread })}</span>
                  </>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
