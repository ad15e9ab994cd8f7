import { Feed } from '../components/feed.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

/** `/public` is this server's public posts; `/public?scope=all` adds every server it knows. */
function publicScope(search: string): 'local' | 'all' {
  return new URLSearchParams(search).get('scope') === 'all' ? 'all' : 'local';
}

/** The public timelines, live: this server's (the default) or all known servers', one switch apart. */
export function PublicScreen(props: { search: string }) {
  const { t } = useI18n();
  const scope = publicScope(props.search);
  useTitle(t('public.title'));
  return (
    <>
      <PageHeading>{t('public.title')}</PageHeading>
      <nav className="switch" aria-label={t('public.scope')}>
        <Link href="/public" aria-current={scope === 'local' ? 'page' : undefined}>
          {t('public.local')}
        </Link>
        <Link href="/public?scope=all" aria-current={scope === 'all' ? 'page' : undefined}>
          {t('public.all')}
        </Link>
      </nav>
      <Feed
        key={scope}
        heading={scope === 'local' ? t('public.localHeading') : t('public.allHeading')}
        path={`/api/v1/timelines/public?${scope === 'local' ? 'local=true&' : ''}limit=20`}
        stream={{ stream: scope === 'local' ? 'public:local' : 'public' }}
        empty={<p>{t('public.empty')}</p>}
      />
    </>
  );
}
