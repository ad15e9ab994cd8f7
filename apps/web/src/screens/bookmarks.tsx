import { Feed } from '../components/feed.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';

/** The posts the person bookmarked, newest bookmark first; kept for offline reading too. */
export function BookmarksScreen() {
  const { t } = useI18n();
  useTitle(t('bookmarks.title'));
  return (
    <>
      <PageHeading>{t('bookmarks.title')}</PageHeading>
      <Feed
        heading={t('bookmarks.heading')}
        path="/api/v1/bookmarks?limit=20"
        empty={
          <>
            <h3>{t('bookmarks.emptyTitle')}</h3>
            <p>{t('bookmarks.emptyBody')}</p>
          </>
        }
      />
    </>
  );
}
