import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

export function NotFoundScreen() {
  const { t } = useI18n();
  useTitle(t('notFound.title'));
  return (
    <section>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <Link href="/">{t('notFound.home')}</Link>
    </section>
  );
}
