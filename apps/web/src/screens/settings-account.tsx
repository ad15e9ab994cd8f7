import { type FormEvent, useEffect, useId, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { describeError } from '../api/errors.ts';
import { useInstance } from '../api/instance.ts';
import { type CredentialAccount, VISIBILITY_OPTIONS, type Visibility } from '../api/types.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/context.tsx';
import { languageChoices, languageNamer } from '../lib/composer-languages.ts';

/** What update_credentials edits, as verify_credentials reports it in `source` (plain text, not HTML). */
type EditableAccount = CredentialAccount & {
  discoverable?: boolean | null;
  hide_collections?: boolean | null;
  source?: {
    note?: string;
    fields?: { name: string; value: string }[];
    sensitive?: boolean;
    discoverable?: boolean | null;
    hide_collections?: boolean | null;
  };
};

interface ProfileDraft {
  displayName: string;
  note: string;
  fields: { name: string; value: string }[];
  locked: boolean;
  discoverable: boolean;
  hideCollections: boolean;
}

const DEFAULT_MAX_FIELDS = 4;

function draftOf(a: EditableAccount, maxFields: number): ProfileDraft {
  const fields = (a.source?.fields ?? []).map((f) => ({ name: f.name, value: f.value }));
  while (fields.length < maxFields) fields.push({ name: '', value: '' });
  return {
    displayName: a.display_name,
    note: a.source?.note ?? '',
    fields: fields.slice(0, Math.max(maxFields, fields.length)),
    locked: Boolean(a.locked),
    discoverable: Boolean(a.source?.discoverable ?? a.discoverable),
    hideCollections: Boolean(a.source?.hide_collections ?? a.hide_collections),
  };
}

/** The instance's profile limits, when it says (Mastodon's configuration.accounts). */
function profileLimits(instance: unknown): { fields: number; note: number; name: number } {
  const accounts = (instance as { configuration?: { accounts?: Record<string, unknown> } } | null)
    ?.configuration?.accounts;
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && v > 0 ? v : fallback);
  return {
    fields: num(accounts?.max_profile_fields, DEFAULT_MAX_FIELDS),
    note: num(accounts?.max_note_length, 500),
    name: num(accounts?.max_display_name_length, 30),
  };
}

function Saved(props: { message: string | null; error: string | null }) {
  return (
    <>
      <p className="saved" role="status">
        {props.message}
      </p>
      {props.error ? (
        <p className="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}

/** Name, bio, profile fields and who may follow or find the person: PATCH update_credentials. */
export function ProfileForm(props: { account: EditableAccount; onSaved(account: EditableAccount): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const limits = profileLimits(useInstance());
  const [draft, setDraft] = useState(() => draftOf(props.account, limits.fields));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const noteHint = useId();

  useEffect(() => {
    setDraft((d) => (d.fields.length < limits.fields ? draftOf(props.account, limits.fields) : d));
  }, [limits.fields, props.account]);

  function update(change: Partial<ProfileDraft>) {
    setDraft((d) => ({ ...d, ...change }));
    setSaved(null);
  }

  function updateField(index: number, change: Partial<{ name: string; value: string }>) {
    setDraft((d) => ({ ...d, fields: d.fields.map((f, i) => (i === index ? { ...f, ...change } : f)) }));
    setSaved(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    setError(null);
    setInvalid(null);
    try {
      const account = await api.request<EditableAccount>('/api/v1/accounts/update_credentials', {
        method: 'PATCH',
        json: {
          display_name: draft.displayName,
          note: draft.note,
          locked: draft.locked,
          discoverable: draft.discoverable,
          hide_collections: draft.hideCollections,
          fields_attributes: draft.fields.filter((f) => f.name.trim() || f.value.trim()),
        },
      });
      props.onSaved(account);
      setSaved(t('settings.profileSaved'));
    } catch (err) {
      setError(describeError(err, t));
      if (err instanceof ApiError) setInvalid(err.field);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="settings settings-card" aria-labelledby="profile" onSubmit={(e) => void handleSubmit(e)}>
      <h3 id="profile" tabIndex={-1}>
        {t('settings.profile')}
      </h3>
      <div className="field">
        <label htmlFor="profile-display-name">{t('settings.displayName')}</label>
        <input
          id="profile-display-name"
          dir="auto"
          value={draft.displayName}
          maxLength={limits.name}
          autoComplete="name"
          aria-invalid={invalid === 'display_name' ? true : undefined}
          onChange={(e) => update({ displayName: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="profile-note">{t('settings.bio')}</label>
        <textarea
          id="profile-note"
          dir="auto"
          rows={4}
          value={draft.note}
          maxLength={limits.note}
          aria-describedby={noteHint}
          aria-invalid={invalid === 'note' ? true : undefined}
          onChange={(e) => update({ note: e.target.value })}
        />
        <p className="hint" id={noteHint}>
          {t('settings.bioHint', { count: limits.note - draft.note.length })}
        </p>
      </div>
      <fieldset className="profile-field-inputs">
        <legend>{t('settings.fields')}</legend>
        <p className="hint">{t('settings.fieldsHint')}</p>
        {draft.fields.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed slots, edited in place.
          <div className="field-pair" key={i}>
            <div className="field">
              <label htmlFor={`profile-field-name-${i}`}>{t('settings.fieldName', { n: i + 1 })}</label>
              <input
                id={`profile-field-name-${i}`}
                dir="auto"
                value={f.name}
                maxLength={255}
                onChange={(e) => updateField(i, { name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`profile-field-value-${i}`}>{t('settings.fieldValue', { n: i + 1 })}</label>
              <input
                id={`profile-field-value-${i}`}
                dir="auto"
                value={f.value}
                maxLength={255}
                onChange={(e) => updateField(i, { value: e.target.value })}
              />
            </div>
          </div>
        ))}
      </fieldset>
      <div className="check">
        <input
          id="profile-locked"
          type="checkbox"
          checked={draft.locked}
          aria-describedby="profile-locked-hint"
          onChange={(e) => update({ locked: e.target.checked })}
        />
        <label htmlFor="profile-locked">{t('settings.locked')}</label>
      </div>
      <p className="hint" id="profile-locked-hint">
        {t('settings.lockedHint')}
      </p>
      <div className="check">
        <input
          id="profile-discoverable"
          type="checkbox"
          checked={draft.discoverable}
          aria-describedby="profile-discoverable-hint"
          onChange={(e) => update({ discoverable: e.target.checked })}
        />
        <label htmlFor="profile-discoverable">{t('settings.discoverable')}</label>
      </div>
      <p className="hint" id="profile-discoverable-hint">
        {t('settings.discoverableHint')}
      </p>
      <div className="check">
        <input
          id="profile-hide-collections"
          type="checkbox"
          checked={draft.hideCollections}
          onChange={(e) => update({ hideCollections: e.target.checked })}
        />
        <label htmlFor="profile-hide-collections">{t('settings.hideCollections')}</label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('settings.saving') : t('settings.saveProfile')}
        </button>
      </div>
      <Saved message={saved} error={error} />
    </form>
  );
}

/** The defaults new posts start with, kept on the account so every app uses them. */
export function PostingDefaultsForm(props: {
  account: EditableAccount;
  onSaved(account: EditableAccount): void;
}) {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const [privacy, setPrivacy] = useState<Visibility>(props.account.source?.privacy ?? 'public');
  const [language, setLanguage] = useState(props.account.source?.language ?? '');
  const [sensitive, setSensitive] = useState(Boolean(props.account.source?.sensitive));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = languageNamer(locale);
  const choices = languageChoices(language || locale, [...navigator.languages]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    setError(null);
    try {
      const account = await api.request<EditableAccount>('/api/v1/accounts/update_credentials', {
        method: 'PATCH',
        json: { source: { privacy, language, sensitive } },
      });
      props.onSaved(account);
      setSaved(t('settings.defaultsSaved'));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="settings settings-card"
      aria-labelledby="posting-defaults"
      onSubmit={(e) => void handleSubmit(e)}
    >
      <h3 id="posting-defaults">{t('settings.postingDefaults')}</h3>
      <div className="field">
        <label htmlFor="default-visibility">{t('settings.defaultVisibility')}</label>
        <select
          id="default-visibility"
          value={privacy}
          onChange={(e) => {
            setPrivacy(e.target.value as Visibility);
            setSaved(null);
          }}
        >
          {VISIBILITY_OPTIONS.map((v) => (
            <option key={v} value={v}>
              {t(`visibility.${v}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="default-language">{t('settings.defaultLanguage')}</label>
        <select
          id="default-language"
          value={language}
          onChange={(e) => {
            setLanguage(e.target.value);
            setSaved(null);
          }}
        >
          <option value="">{t('settings.languageAuto')}</option>
          {choices.map((code) => (
            <option key={code} value={code} lang={code}>
              {nameOf(code)}
            </option>
          ))}
        </select>
      </div>
      <div className="check">
        <input
          id="default-sensitive"
          type="checkbox"
          checked={sensitive}
          onChange={(e) => {
            setSensitive(e.target.checked);
            setSaved(null);
          }}
        />
        <label htmlFor="default-sensitive">{t('settings.defaultSensitive')}</label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('settings.saving') : t('settings.saveDefaults')}
        </button>
      </div>
      <Saved message={saved} error={error} />
    </form>
  );
}

/** The account half of settings: loads the person's own account fresh, then the two forms. */
export function AccountSettings() {
  const { t } = useI18n();
  const { api, session, signIn } = useSession();
  const [account, setAccount] = useState<EditableAccount | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.request<EditableAccount>('/api/v1/accounts/verify_credentials').then(
      (a) => {
        if (live) setAccount(a);
      },
      (err: unknown) => {
        if (live) setError(describeError(err, t));
      },
    );
    return () => {
      live = false;
    };
  }, [api, t]);

  // Scrolled to from a profile's "Edit profile" link.
  useEffect(() => {
    if (account && location.hash === '#profile') {
      const heading = document.getElementById('profile');
      heading?.scrollIntoView();
      heading?.focus({ preventScroll: true });
    }
  }, [account]);

  function handleSaved(saved: EditableAccount) {
    setAccount(saved);
    // The rest of the app (the composer's defaults) reads the session's copy of the account.
    if (session) void signIn(session.token).catch(() => undefined);
  }

  if (error) {
    return (
      <p className="notice error" role="alert">
        {error}
      </p>
    );
  }
  if (!account) return <p className="muted">{t('common.loading')}</p>;
  return (
    <>
      <ProfileForm account={account} onSaved={handleSaved} />
      <PostingDefaultsForm account={account} onSaved={handleSaved} />
    </>
  );
}
