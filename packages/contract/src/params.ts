import { z } from 'zod';

/** Mastodon clients send booleans as true/false, "true"/"false", "1"/"0", "on". */
export const zBool = z.preprocess(
  (v) => {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') {
      const s = v.trim().toLowerCase();
      if (['true', '1', 'on', 'yes'].includes(s)) return true;
      if (['false', '0', 'off', 'no', ''].includes(s)) return false;
    }
    return v;
  },
  z.boolean({ message: 'must be true or false' }),
);

/** A 64-bit id as a decimal string (numbers are accepted and converted). */
export const zId = z.preprocess(
  (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v),
  z
    .string({ message: 'must be an id' })
    .regex(/^\d{1,19}$/, 'must be a numeric id')
    .refine((v) => !/^\d{1,19}$/.test(v) || BigInt(v) <= 9223372036854775807n, 'is out of range'),
);

export const zInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number({ message: 'must be a number' }).int('must be a whole number').min(min).max(max),
  );

/** A string or a list of strings (`a[]=1&a[]=2`, or a JSON array, or a single value). */
export const zStringList = z.preprocess(
  (v) =>
    v === undefined
      ? undefined
      : Array.isArray(v)
        ? v
        : typeof v === 'object' && v !== null
          ? Object.values(v)
          : [v],
  z.array(z.string()),
);

/** `max_id`, `since_id`, `min_id`, `limit`: Mastodon's pagination window. */
export const zPageParams = z.object({
  max_id: zId.optional(),
  since_id: zId.optional(),
  min_id: zId.optional(),
  limit: zInt(1, 200).optional(),
});

export type PageParams = z.output<typeof zPageParams>;

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const QUOTE_POLICIES = ['public', 'followers', 'nobody'] as const;
