import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { savePreferences, usePreferences } from '../lib/preferences.ts';

/** Preferences kept on this device: what Rounds shows you, not what it stores about you. */
export function SettingsScreen() {
  const { t } = useI18n();
  const preferences = usePreferences();
  useTitle(t('settings.title'));
  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      <form className="settings" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>{t('settings.wellbeing')}</legend>
          <div className="check">
            <input
              id="pref-hide-counts"
              type="checkbox"
              checked={preferences.hideCounts}
              aria-describedby="pref-hide-counts-hint"
              onChange={(e) => savePreferences({ hideCounts: e.target.checked })}
            />
            <label htmlFor="pref-hide-counts">{t('settings.hideCounts')}</label>
          </div>
          <p className="hint" id="pref-hide-counts-hint">
            {t('settings.hideCountsHint')}
          </p>
          <div className="check">
            <input
              id="pref-hide-followers"
              type="checkbox"
              checked={preferences.hideFollowerCounts}
              onChange={(e) => savePreferences({ hideFollowerCounts: e.target.checked })}
            />
            <label htmlFor="pref-hide-followers">{t('settings.hideFollowerCounts')}</label>
          </div>
        </fieldset>
        <p className="hint">{t('settings.device')}</p>
      </form>
    </>
  );
}
