import { useSession } from '../auth/session.tsx';
import { PageHeading, useTitle } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { savePreferences, usePreferences } from '../lib/preferences.ts';
import { AccountSettings } from './settings-account.tsx';
import { DataSaverFieldset, QuietHoursFieldset } from './settings-device.tsx';

/**
 * Settings: the account's profile and posting defaults (on the server, for every app), then the
 * preferences kept on this device (what Rounds shows you, not what it stores about you).
 */
export function SettingsScreen() {
  const { t } = useI18n();
  const { session } = useSession();
  const preferences = usePreferences();
  useTitle(t('settings.title'));
  return (
    <>
      <PageHeading>{t('settings.title')}</PageHeading>
      {session ? (
        <section className="settings-group" aria-labelledby="settings-account">
          <h2 id="settings-account">{t('settings.account')}</h2>
          <AccountSettings />
        </section>
      ) : null}
      <section className="settings-group" aria-labelledby="settings-device">
        <h2 id="settings-device">{t('settings.deviceHeading')}</h2>
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
          <fieldset>
            <legend>{t('settings.posting')}</legend>
            <div className="check">
              <input
                id="pref-require-alt"
                type="checkbox"
                checked={preferences.requireAltText}
                aria-describedby="pref-require-alt-hint"
                onChange={(e) => savePreferences({ requireAltText: e.target.checked })}
              />
              <label htmlFor="pref-require-alt">{t('settings.requireAltText')}</label>
            </div>
            <p className="hint" id="pref-require-alt-hint">
              {t('settings.requireAltTextHint')}
            </p>
          </fieldset>
          <QuietHoursFieldset />
          <DataSaverFieldset />
          <p className="hint">{t('settings.device')}</p>
        </form>
      </section>
    </>
  );
}
