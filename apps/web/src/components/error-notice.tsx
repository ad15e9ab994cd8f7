import { describeError } from '../api/errors.ts';
import { useI18n } from '../i18n/context.tsx';

/** A failed load, said in words a person can act on, with a way to try again. */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice error" role="alert">
      <p>{describeError(props.error, t)}</p>
      {props.onRetry ? (
        <button type="button" onClick={props.onRetry}>
          {t('errors.retry')}
        </button>
      ) : null}
    </div>
  );
}
