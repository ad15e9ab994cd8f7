import { useRef } from 'react';
import { HOME_FIRST_PAGE } from '../api/prefetch.ts';
import { Composer } from '../components/composer.tsx';
import { Feed, type FeedHandle } from '../components/feed.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';

/** Home: the composer, then the home timeline, newest first, live, with "load more". */
export function HomeScreen() {
  const { t } = useI18n();
  const feed = useRef<FeedHandle>(null);
  useTitle(t('home.title'));

  return (
    <>
      <PageHeading className="visually-hidden">{t('home.title')}</PageHeading>
      <Composer onPosted={(status) => feed.current?.showPosted(status)} />
      <Feed
        ref={feed}
        heading={t('home.timeline')}
        path={HOME_FIRST_PAGE}
        stream={{ stream: 'user' }}
        end={t('home.end')}
        empty={
          <>
            <h3>{t('home.emptyTitle')}</h3>
            <p>{t('home.emptyBody')}</p>
          </>
        }
      />
    </>
  );
}
