import { zBool } from '@rounds/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  createV1Filter,
  deleteFilterKeyword,
  getV1Filter,
  listV1Filters,
  updateV1Filter,
  type V1FilterInput,
} from '../../domain/filters/index.ts';
import { requireUser } from '../auth.ts';
import { renderV1Filter } from '../entities/filter.ts';
import type { MastodonApp, MastodonEnv } from '../env.ts';
import { parseWith, readParams } from '../params.ts';
import { zExpiresIn, zFilterContexts } from '../v2/filters.ts';

const optionalBool = z.preprocess((v) => (v === '' || v === null ? undefined : v), zBool.optional());

const V1FilterParams = z.object({
  phrase: z.preprocess((v) => (v === null ? undefined : v), z.string({ message: 'must be text' }).optional()),
  context: zFilterContexts,
  irreversible: optionalBool,
  whole_word: optionalBool,
  expires_in: zExpiresIn,
});

function toV1Input(p: z.output<typeof V1FilterParams>): V1FilterInput {
  return {
    phrase: p.phrase,
    context: p.context,
    irreversible: p.irreversible,
    wholeWord: p.whole_word,
    expiresIn: p.expires_in,
  };
}

const id = (c: Context<MastodonEnv>) => c.req.param('id') ?? '';

/**
 * /api/v1/filters, deprecated since Mastodon 4.0 and kept for older apps: each v1 filter is one
 * keyword of a v2 filter (see domain/filters/v1.ts).
 */
export function registerFiltersV1(app: MastodonApp): void {
  app.get('/api/v1/filters', async (c) => {
    const me = requireUser(c, 'read:filters');
    return c.json((await listV1Filters(c.get('ctx'), me.account.id)).map(renderV1Filter));
  });

  app.post('/api/v1/filters', async (c) => {
    const me = requireUser(c, 'write:filters');
    const p = parseWith(V1FilterParams, await readParams(c));
    return c.json(renderV1Filter(await createV1Filter(c.get('ctx'), me.account.id, toV1Input(p))));
  });

  app.get('/api/v1/filters/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'read:filters');
    return c.json(renderV1Filter(await getV1Filter(c.get('ctx'), me.account.id, id(c))));
  });

  app.put('/api/v1/filters/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'write:filters');
    const p = parseWith(V1FilterParams, await readParams(c));
    return c.json(renderV1Filter(await updateV1Filter(c.get('ctx'), me.account.id, id(c), toV1Input(p))));
  });

  /** Removes the keyword only; its filter stays (Mastodon 4's v1 behaviour). */
  app.delete('/api/v1/filters/:id{[0-9]+}', async (c) => {
    const me = requireUser(c, 'write:filters');
    await deleteFilterKeyword(c.get('ctx'), me.account.id, id(c));
    return c.json({});
  });
}
