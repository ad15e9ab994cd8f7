import { zBool, zId, zStringList } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import { FILTER_ACTIONS, FILTER_CONTEXTS } from '../../db/schema/index.ts';
import {
  addFilterKeyword,
  addFilterStatus,
  createFilter,
  deleteFilter,
  deleteFilterKeyword,
  type FilterInput,
  getFilter,
  getFilterKeyword,
  getFilterStatus,
  listFilterKeywords,
  listFilterStatuses,
  listFilters,
  removeFilterStatus,
  updateFilter,
  updateFilterKeyword,
} from '../../domain/filters/index.ts';
import { FILTER_KEYWORDS_PER_FILTER, FILTER_MAX_EXPIRES_IN } from '../../domain/filters/validate.ts';
import { requireUser } from '../auth.ts';
import { renderFilter, renderFilterKeyword, renderFilterStatus } from '../entities/filter.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { parseWith, readParams } from '../params.ts';

/** Clients send `""` or `null` for "not given" in forms and JSON alike. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
}

/**
 * `context[]`: blank entries are dropped (as Mastodon normalises them), the rest must be known;
 * `null` is "not given", as for the other fields.
 */
export const zFilterContexts = z.preprocess(
  (v) => (v === null ? undefined : v),
  zStringList
    .transform((list) => list.map((c) => c.trim()).filter((c) => c !== ''))
    .pipe(z.array(z.enum(FILTER_CONTEXTS, { message: `must be one of ${FILTER_CONTEXTS.join(', ')}` })))
    .optional(),
);

/** `expires_in` in seconds; empty or null means never (as Mastodon's Expireable). */
export const zExpiresIn = z
  .preprocess(
    (v) => (v === '' || v === null ? null : typeof v === 'string' ? Number(v.trim()) : v),
    z
      .number({ message: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1 second, or empty for never')
      .max(FILTER_MAX_EXPIRES_IN, `must be at most ${FILTER_MAX_EXPIRES_IN} seconds (ten years)`)
      .nullable(),
  )
  .optional();

const zKeywordAttribute = z.object({
  id: optional(zId),
  keyword: z.string({ message: 'must be text' }).optional(),
  whole_word: optional(zBool),
  _destroy: optional(zBool),
});

/**
 * `keywords_attributes` as clients send it: a JSON array, one object, or Rails-style form keys
 * (`keywords_attributes[][keyword]=…` reads as an array, `keywords_attributes[0][keyword]=…` as a
 * hash by index).
 */
const zKeywordAttributes = z.preprocess((v) => {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v) || typeof v !== 'object') return v;
  const record = v as Record<string, unknown>;
  const isOne = ['id', 'keyword', 'whole_word', '_destroy'].some(
    (k) => k in record && (record[k] === null || typeof record[k] !== 'object'),
  );
  return isOne ? [record] : Object.values(record);
}, z
  .array(zKeywordAttribute, { message: 'must be a list of {keyword, whole_word, id, _destroy}' })
  .max(FILTER_KEYWORDS_PER_FILTER, `at most ${FILTER_KEYWORDS_PER_FILTER} keywords per filter`)
  .optional());

const FilterParams = z.object({
  title: optional(z.string({ message: 'must be text' })),
  context: zFilterContexts,
  filter_action: optional(z.enum(FILTER_ACTIONS, { message: 'must be warn, hide or blur' })),
  expires_in: zExpiresIn,
  keywords_attributes: zKeywordAttributes,
});

const KeywordParams = z.object({
  keyword: z.string({ message: 'must be text' }).optional(),
  whole_word: optional(zBool),
});

const StatusParams = z.object({ status_id: zId });

function toFilterInput(p: z.output<typeof FilterParams>): FilterInput {
  return {
    title: p.title,
    context: p.context,
    action: p.filter_action,
    expiresIn: p.expires_in,
    keywords: p.keywords_attributes?.map((k) => ({
      id: k.id,
      keyword: k.keyword,
      wholeWord: k.whole_word,
      destroy: k._destroy,
    })),
  };
}

type C = Context<MastodonEnv>;
const id = (c: C, name = 'id') => c.req.param(name) ?? '';

/** /api/v2/filters: filter groups with their keywords and statuses (Mastodon 4.0+). */
export function registerFilters(app: MastodonApp): void {
  app.get('/api/v2/filters', async (c) => {
    const me = requireUser(c, 'read:filters');
    return c.json((await listFilters(c.get('ctx'), me.account.id)).map(renderFilter));
  });

  app.post('/api/v2/filters', async (c) => {
    const me = requireUser(c, 'write:filters');
    const p = parseWith(FilterParams, await readParams(c));
    return c.json(renderFilter(await createFilter(c.get('ctx'), me.account.id, toFilterInput(p))));
  });

  app.get('/api/v2/filters/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'read:filters');
    return c.json(renderFilter(await getFilter(c.get('ctx'), me.account.id, id(c))));
  });

  app.put('/api/v2/filters/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'write:filters');
    const p = parseWith(FilterParams, await readParams(c));
    return c.json(renderFilter(await updateFilter(c.get('ctx'), me.account.id, id(c), toFilterInput(p))));
  });

  app.delete('/api/v2/filters/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'write:filters');
    await deleteFilter(c.get('ctx'), me.account.id, id(c));
    return c.json({});
  });

  app.get('/api/v2/filters/:filter_id{[0-9]+}/keywords', async (c) => {
    const me = requireUser(c, 'read:filters');
    const rows = await listFilterKeywords(c.get('ctx'), me.account.id, id(c, 'filter_id'));
    return c.json(rows.map(renderFilterKeyword));
  });

  app.post('/api/v2/filters/:filter_id{[0-9]+}/keywords', async (c) => {
    const me = requireUser(c, 'write:filters');
    const p = parseWith(KeywordParams, await readParams(c));
    const row = await addFilterKeyword(c.get('ctx'), me.account.id, id(c, 'filter_id'), {
      keyword: p.keyword,
      wholeWord: p.whole_word,
    });
    return c.json(renderFilterKeyword(row));
  });

  app.get('/api/v2/filters/keywords/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'read:filters');
    return c.json(renderFilterKeyword(await getFilterKeyword(c.get('ctx'), me.account.id, id(c))));
  });

  app.put('/api/v2/filters/keywords/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'write:filters');
    const p = parseWith(KeywordParams, await readParams(c));
    const row = await updateFilterKeyword(c.get('ctx'), me.account.id, id(c), {
      keyword: p.keyword,
      wholeWord: p.whole_word,
    });
    return c.json(renderFilterKeyword(row));
  });

  app.delete('/api/v2/filters/keywords/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'write:filters');
    await deleteFilterKeyword(c.get('ctx'), me.account.id, id(c));
    return c.json({});
  });

  app.get('/api/v2/filters/:filter_id{[0-9]+}/statuses', async (c) => {
    const me = requireUser(c, 'read:filters');
    const rows = await listFilterStatuses(c.get('ctx'), me.account.id, id(c, 'filter_id'));
    return c.json(rows.map(renderFilterStatus));
  });

  app.post('/api/v2/filters/:filter_id{[0-9]+}/statuses', async (c) => {
    const me = requireUser(c, 'write:filters');
    const p = parseWith(StatusParams, await readParams(c));
    const row = await addFilterStatus(c.get('ctx'), me.account.id, id(c, 'filter_id'), p.status_id);
    return c.json(renderFilterStatus(row));
  });

  app.get('/api/v2/filters/statuses/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'read:filters');
    return c.json(renderFilterStatus(await getFilterStatus(c.get('ctx'), me.account.id, id(c))));
  });

  app.delete('/api/v2/filters/statuses/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'write:filters');
    await removeFilterStatus(c.get('ctx'), me.account.id, id(c));
    return c.json({});
  });
}
