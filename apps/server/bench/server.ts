// The benchmark's server process: the real Rounds app plus one bare baseline route, sharing one
// database handle, so both are measured on the same database in the same process.
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { openRuntime } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/index.ts';

const config = loadConfig();
const rt = await openRuntime(config, { migrate: false });
const app = createApp(rt.ctx);

/**
 * Baseline: the home timeline as one bare indexed SQL query (own + followed accounts, newest
 * first, 20 rows), no auth, no hydration, no rendering: the floor any real route sits above.
 */
app.get('/__bench/home/:accountId', async (c) => {
  const me = c.req.param('accountId');
  const result = await rt.ctx.db.execute(sql`
    select s.* from statuses s
    where (s.account_id = ${me} or s.account_id in (select target_account_id from follows where account_id = ${me}))
      and s.visibility <> 'direct'
    order by s.id desc limit 20`);
  // PGlite returns bigint columns as BigInt, which JSON.stringify refuses: write them as strings,
  // as the real route does.
  const rows = (result as unknown as { rows: unknown[] }).rows;
  return c.body(
    JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
    200,
    {
      'content-type': 'application/json',
    },
  );
});

/**
 * Baseline for status search: the bare full-text query on the same GIN-indexed column (newest 20
 * matches, English stems or plain words), no auth, no visibility rules, no ranking, no hydration.
 */
app.get('/__bench/search', async (c) => {
  const q = c.req.query('q') ?? '';
  const result = await rt.ctx.db.execute(sql`
    select s.id::text as id, s.account_id::text as account_id, s.text, s.content_html, s.visibility, s.created_at
    from statuses s
    where s.search_vector @@ (websearch_to_tsquery('english'::regconfig, ${q}) || websearch_to_tsquery('simple'::regconfig, ${q}))
    order by s.id desc limit 20`);
  // PGlite returns bigint columns as BigInt, which JSON.stringify refuses: write them as strings,
  // as the real route does.
  const rows = (result as unknown as { rows: unknown[] }).rows;
  return c.body(
    JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
    200,
    {
      'content-type': 'application/json',
    },
  );
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
const stop = () => server.close(() => rt.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
