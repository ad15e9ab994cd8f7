import { z } from 'zod';
import { zBool } from './params.ts';

/** Forms send numbers as text; JSON clients send numbers (or numeric strings). */
const zWholeNumber = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
  z.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds'),
);

/**
 * `poll` of POST/PUT /api/v1/statuses, as form keys (`poll[options][]`, `poll[expires_in]`, ...) or
 * JSON. Only the shape is checked here; the server's limits (count, length, duration) are checked
 * where the poll is made, so every caller of status creation gets the same rules.
 */
export const zPollParams = z.object(
  {
    options: z.preprocess(
      (v) =>
        v === undefined || v === null || Array.isArray(v)
          ? v
          : typeof v === 'object'
            ? Object.values(v)
            : [v],
      z.array(z.string({ message: 'each option must be text' }), {
        message: 'must list the options (poll[options][]=…, or "options": [...] in JSON)',
      }),
    ),
    expires_in: zWholeNumber,
    multiple: z.preprocess((v) => (v === '' || v === null ? undefined : v), zBool.optional()),
    hide_totals: z.preprocess((v) => (v === '' || v === null ? undefined : v), zBool.optional()),
  },
  { message: 'must be {options: [...], expires_in: seconds}' },
);
export type PollParams = z.output<typeof zPollParams>;

/** `poll` on create: absent, `null` or `""` mean no poll. */
export const zOptionalPollParams = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  zPollParams.optional(),
);

/** `poll` on edit: absent keeps the poll, `null` or `""` removes it (as Mastodon's web app sends). */
export const zEditPollParams = z.preprocess((v) => (v === '' ? null : v), zPollParams.nullable().optional());

/** POST /api/v1/polls/:id/votes: `choices[]`, option indexes from 0. */
export const zPollVoteParams = z.object({
  choices: z.preprocess(
    (v) =>
      v === undefined || v === null || v === ''
        ? []
        : (Array.isArray(v) ? v : typeof v === 'object' ? Object.values(v) : [v]).map((c) =>
            typeof c === 'string' && /^\s*-?\d+\s*$/.test(c) ? Number(c) : c,
          ),
    z
      .array(z.number({ message: 'must be option numbers (0 for the first)' }).int('must be whole numbers'))
      .min(1, 'choose at least one option'),
  ),
});
export type PollVoteParams = z.output<typeof zPollVoteParams>;
