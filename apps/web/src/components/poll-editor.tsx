import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/index.ts';
import type { DraftPoll } from '../lib/drafts.ts';

export const POLL_MIN_OPTIONS = 2;
/** Mastodon's defaults; /api/v2/instance `configuration.polls` says what this server allows. */
export const DEFAULT_POLL_LIMITS = {
  max_options: 4,
  max_characters_per_option: 50,
  min_expiration: 300,
  max_expiration: 2_629_746,
};
export type PollLimits = typeof DEFAULT_POLL_LIMITS;

const DURATIONS: ReadonlyArray<{ seconds: number; key: MessageKey; count: number }> = [
  { seconds: 5 * 60, key: 'poll.minutes', count: 5 },
  { seconds: 30 * 60, key: 'poll.minutes', count: 30 },
  { seconds: 60 * 60, key: 'poll.hours', count: 1 },
  { seconds: 6 * 60 * 60, key: 'poll.hours', count: 6 },
  { seconds: 24 * 60 * 60, key: 'poll.days', count: 1 },
  { seconds: 3 * 24 * 60 * 60, key: 'poll.days', count: 3 },
  { seconds: 7 * 24 * 60 * 60, key: 'poll.days', count: 7 },
];

export function newPoll(): DraftPoll {
  return { options: ['', ''], expiresIn: 24 * 60 * 60, multiple: false };
}

/** What is wrong with a poll before sending it, as a message key, or null. */
export function pollProblem(poll: DraftPoll, limits: PollLimits): MessageKey | null {
  const options = poll.options.map((o) => o.trim());
  if (options.length < POLL_MIN_OPTIONS || options.some((o) => !o)) return 'poll.fillAll';
  if (options.some((o) => [...o].length > limits.max_characters_per_option)) return 'poll.optionTooLong';
  if (new Set(options).size !== options.length) return 'poll.duplicate';
  return null;
}

/** A poll: two to four choices, how long it runs, one answer or several. */
export function PollEditor(props: {
  poll: DraftPoll;
  limits: PollLimits;
  onChange(poll: DraftPoll): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const { poll, limits } = props;
  const durations = DURATIONS.filter(
    (d) => d.seconds >= limits.min_expiration && d.seconds <= limits.max_expiration,
  );
  const focusIndex = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // After adding or removing an option, focus goes to the option that now needs it.
  useEffect(() => {
    if (focusIndex.current === null) return;
    const inputs = listRef.current?.querySelectorAll('input');
    inputs?.[Math.min(focusIndex.current, inputs.length - 1)]?.focus();
    focusIndex.current = null;
  });

  function setOption(index: number, value: string) {
    props.onChange({ ...poll, options: poll.options.map((o, i) => (i === index ? value : o)) });
  }

  function handleAdd() {
    focusIndex.current = poll.options.length;
    props.onChange({ ...poll, options: [...poll.options, ''] });
  }

  function handleRemoveOption(index: number) {
    focusIndex.current = Math.max(0, index - 1);
    props.onChange({ ...poll, options: poll.options.filter((_, i) => i !== index) });
  }

  return (
    <fieldset className="poll-editor">
      <legend>{t('poll.legend')}</legend>
      <ol className="poll-options" ref={listRef}>
        {poll.options.map((option, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: options are positions ("Option 2"), not items that move.
          <li key={index}>
            <label htmlFor={`${id}-o${index}`}>{t('poll.option', { n: index + 1 })}</label>
            <div className="poll-option-row">
              <input
                id={`${id}-o${index}`}
                dir="auto"
                value={option}
                maxLength={limits.max_characters_per_option}
                onChange={(e) => setOption(index, e.target.value)}
              />
              {poll.options.length > POLL_MIN_OPTIONS ? (
                <button type="button" className="small secondary" onClick={() => handleRemoveOption(index)}>
                  <span aria-hidden="true">×</span>
                  <span className="visually-hidden">{t('poll.removeOption', { n: index + 1 })}</span>
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <div className="poll-settings">
        <button
          type="button"
          className="small"
          onClick={handleAdd}
          disabled={poll.options.length >= limits.max_options}
        >
          {t('poll.addOption')}
        </button>
        <div className="inline-field">
          <label htmlFor={`${id}-duration`}>{t('poll.duration')}</label>
          <select
            id={`${id}-duration`}
            value={poll.expiresIn}
            onChange={(e) => props.onChange({ ...poll, expiresIn: Number(e.target.value) })}
          >
            {durations.map((d) => (
              <option key={d.seconds} value={d.seconds}>
                {t(d.key, { count: d.count })}
              </option>
            ))}
          </select>
        </div>
        <div className="check">
          <input
            id={`${id}-multiple`}
            type="checkbox"
            checked={poll.multiple}
            onChange={(e) => props.onChange({ ...poll, multiple: e.target.checked })}
          />
          <label htmlFor={`${id}-multiple`}>{t('poll.multiple')}</label>
        </div>
      </div>
      <button type="button" className="small secondary" onClick={props.onRemove}>
        {t('poll.remove')}
      </button>
    </fieldset>
  );
}
