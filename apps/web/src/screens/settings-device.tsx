import { useI18n } from '../i18n/context.tsx';
import { saveDataSaver, useDataSaver } from '../lib/data-saver.ts';
import { isQuietAt, minutesOf, saveQuietHours, useQuietHours } from '../lib/quiet-hours.ts';

function timeZoneName(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
  } catch {
    return null;
  }
}

/** Quiet hours: a daily span in the reader's time zone when live notifications wait. */
export function QuietHoursFieldset() {
  const { t, locale } = useI18n();
  const quiet = useQuietHours();
  const zone = timeZoneName();
  const format = (time: string) => {
    const minutes = minutesOf(time);
    if (minutes === null) return time;
    return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(
      new Date(2000, 0, 1, Math.floor(minutes / 60), minutes % 60),
    );
  };
  const now = isQuietAt(quiet, new Date());
  return (
    <fieldset>
      <legend>{t('settings.quietHours')}</legend>
      <div className="check">
        <input
          id="pref-quiet"
          type="checkbox"
          checked={quiet.enabled}
          aria-describedby="pref-quiet-hint"
          onChange={(e) => saveQuietHours({ enabled: e.target.checked })}
        />
        <label htmlFor="pref-quiet">{t('settings.quietEnabled')}</label>
      </div>
      <p className="hint" id="pref-quiet-hint">
        {t('settings.quietHint')}
      </p>
      <div className="time-range">
        <div className="field">
          <label htmlFor="pref-quiet-start">{t('settings.quietStart')}</label>
          <input
            id="pref-quiet-start"
            type="time"
            value={quiet.start}
            required
            disabled={!quiet.enabled}
            onChange={(e) => {
              if (minutesOf(e.target.value) !== null) saveQuietHours({ start: e.target.value });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="pref-quiet-end">{t('settings.quietEnd')}</label>
          <input
            id="pref-quiet-end"
            type="time"
            value={quiet.end}
            required
            disabled={!quiet.enabled}
            onChange={(e) => {
              if (minutesOf(e.target.value) !== null) saveQuietHours({ end: e.target.value });
            }}
          />
        </div>
      </div>
      {quiet.enabled ? (
        <p className="hint" role="status">
          {t(now ? 'settings.quietNow' : 'settings.quietSummary', {
            start: format(quiet.start),
            end: format(quiet.end),
          })}
          {zone ? ` ${t('settings.timeZone', { zone })}` : ''}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Data saver: media wait for a tap, and load as the smaller preview. */
export function DataSaverFieldset() {
  const { t } = useI18n();
  const { enabled } = useDataSaver();
  return (
    <fieldset>
      <legend>{t('settings.dataSaver')}</legend>
      <div className="check">
        <input
          id="pref-data-saver"
          type="checkbox"
          checked={enabled}
          aria-describedby="pref-data-saver-hint"
          onChange={(e) => saveDataSaver({ enabled: e.target.checked })}
        />
        <label htmlFor="pref-data-saver">{t('settings.dataSaverEnabled')}</label>
      </div>
      <p className="hint" id="pref-data-saver-hint">
        {t('settings.dataSaverHint')}
      </p>
    </fieldset>
  );
}
