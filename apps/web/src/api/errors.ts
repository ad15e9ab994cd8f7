import type { Translate } from '../i18n/index.ts';
import { ApiError } from './client.ts';

/** One sentence a person can act on, in their language, for any failed request. */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.server');
  if (error.status === 0) return t('errors.network');
  if (error.status === 401) return t('errors.session');
  if (error.status === 429) return t('errors.rateLimited');
  if (error.status >= 500) return t('errors.server');
  if (error.status === 404) return t('errors.notFound');
  if (error.status === 403) return t('errors.forbidden', { message: error.message });
  return t('errors.invalid', { message: error.message });
}
