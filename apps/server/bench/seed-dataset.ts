import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';

export const BENCH = { accounts: 10_000, statuses: 200_000, followsEach: 100, tokenUsers: 500 };

/**
 * Vocabulary of the seeded posts: one `common` word in every post (a tenth of all posts each),
 * one `middling` word (a fortieth each; plurals, to exercise stemming) and, in a tenth of the
 * posts, one `rare` word (about 200 posts each).
 */
export const SEED_WORDS = {
  common: 'cardiac,lung,renal,airway,abdominal,vascular,ocular,obstetric,pediatric,trauma'.split(','),
  middling: [
    'ultrasounds,effusions,pneumothorax,tamponade,consolidation,hydronephrosis,cholecystitis,appendicitis',
    'aneurysms,thrombosis,fractures,ascites,edema,sepsis,shock,hypotension,dyspnea,syncope,strokes,seizures',
    'bronchiolitis,pneumonia,embolism,dissection,ectopic,placenta,intussusception,stenosis,abscesses,cellulitis',
    'foreign bodies,nerve blocks,cannulation,pericardial,pleural,diaphragm,bladder,gallstones,hemorrhage,contusions',
  ]
    .join(',')
    .split(','),
  rare: Array.from(
    { length: 100 },
    (_, i) =>
      `${'takotsubo,lemierre,boerhaave,brugada,kawasaki,wernicke,guillain,ludwig,fournier,budd'.split(',')[i % 10]}${i < 10 ? '' : Math.floor(i / 10)}`,
  ),
};

function sqlArray(words: readonly string[]): string {
  return `array[${words.map((w) => `'${w}'`).join(',')}]`;
}

export function benchToken(i: number): string {
  return `bench-token-${i}`;
}

/**
 * The benchmark dataset, written with set-based SQL so it takes seconds: 10,000 accounts, 200,000
 * statuses spread over a year (a tenth followers-only, some replies), each account following 100
 * others, and tokens for 500 of them. Status text mixes words of three frequencies (see
 * SEED_WORDS) so text search meets common, middling and rare words, as in real posts.
 */
export async function seedBenchDataset(db: Db): Promise<void> {
  // The bulk inserts below skip the home-feed triggers (fanning 200,000 statuses out to 100
  // followers each would write 20 million entries); the readers' feeds are built at the end.
  for (const [table, trigger] of HOME_FEED_TRIGGERS) {
    await db.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  }
  try {
    await writeRows(db);
  } finally {
    for (const [table, trigger] of HOME_FEED_TRIGGERS) {
      await db.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
    }
  }
  // The signed-in readers get their feeds as migration 0015 builds them for existing accounts (the
  // newest 800 candidates each); the other accounts never read home here and have none.
  await db.execute(sql.raw(`select home_feed_build(account_id, 800) from users`));
  // A served database is vacuumed as it is written (autovacuum); this one was written in bulk.
  await db.execute(sql.raw('vacuum analyze'));
}

const HOME_FEED_TRIGGERS = [
  ['accounts', 'accounts_home_feed_open'],
  ['follows', 'follows_home_feed_follow'],
  ['statuses', 'statuses_home_feed_fan_out'],
] as const;

/** The rows themselves, written with set-based SQL. */
async function writeRows(db: Db): Promise<void> {
  const { accounts: A, statuses: S, followsEach: F, tokenUsers: T } = BENCH;
  const t0 = 1_735_689_600_000; // 2025-01-01
  await db.execute(
    sql.raw(`
    insert into accounts (id, username, display_name, note, created_at, updated_at)
    select (${t0}::bigint + g) << 16, 'user' || g, 'User ' || g, '', to_timestamp(${t0 / 1000}), to_timestamp(${t0 / 1000})
    from generate_series(1, ${A}) g`),
  );
  await db.execute(
    sql.raw(`
    insert into users (id, account_id, email, password_hash, created_at)
    select (${t0}::bigint + g) << 16, (${t0}::bigint + g) << 16, 'user' || g || '@bench.test', 'x', to_timestamp(${t0 / 1000})
    from generate_series(1, ${T}) g`),
  );
  const tokens = Array.from(
    { length: T },
    (_, i) =>
      `(${(BigInt(t0 + i + 1) << 16n).toString()}, '${createHash('sha256')
        .update(benchToken(i + 1))
        .digest('hex')}', ${(BigInt(t0 + i + 1) << 16n).toString()}, 'read write follow', now())`,
  );
  await db.execute(
    sql.raw(
      `insert into oauth_tokens (id, token_hash, user_id, scopes, created_at) values ${tokens.join(',')}`,
    ),
  );
  await db.execute(
    sql.raw(`
    insert into follows (id, account_id, target_account_id, created_at)
    select ((${t0 + 10_000_000}::bigint + a * ${F} + k) << 16), (${t0}::bigint + a) << 16,
           (${t0}::bigint + 1 + ((a + k * 97) % ${A})) << 16, now()
    from generate_series(1::bigint, ${A}::bigint) a, generate_series(1::bigint, ${F}::bigint) k
    where 1 + ((a + k * 97) % ${A}) <> a
    on conflict do nothing`),
  );
  // Statuses: one every ~158 s across a year, round-robin over accounts; every 10th followers-only,
  // every 7th a reply to the status before it.
  await db.execute(
    sql.raw(`
    insert into statuses (id, account_id, text, content_html, visibility, language, in_reply_to_id, created_at)
    select ((${t0}::bigint + g * 157680) << 16), (${t0}::bigint + 1 + (g * 7919 % ${A})) << 16,
           'Teaching point ' || g || ' on #POCUS and fluid status: ' || w.text,
           '<p>Teaching point ' || g || ' on #POCUS and fluid status: ' || w.text || '</p>',
           case when g % 10 = 0 then 'private' else 'public' end, 'en',
           case when g % 7 = 0 then ((${t0}::bigint + (g - 1) * 157680) << 16) end,
           to_timestamp((${t0}::bigint + g * 157680) / 1000.0)
    from generate_series(1::bigint, ${S}::bigint) g,
      lateral (select abs(hashint8(g)::bigint) h1, abs(hashint8(-g)::bigint) h2) h,
      -- NOTE: words are picked by hashes of g, not g itself, so they do not line up with the
      -- every-10th (followers-only) and every-7th (reply) patterns above.
      lateral (select (${sqlArray(SEED_WORDS.common)})[1 + (h.h1 % 10)::int] || ' ' || (${sqlArray(SEED_WORDS.middling)})[1 + (h.h1 / 10 % 40)::int]
        || case when h.h2 % 10 = 0 then ' with ' || (${sqlArray(SEED_WORDS.rare)})[1 + (h.h2 / 10 % 100)::int] else '' end as text) w`),
  );
  await db.execute(
    sql.raw(
      `update accounts a set statuses_count = c.n from (select account_id, count(*) n from statuses group by account_id) c where c.account_id = a.id`,
    ),
  );
  await db.execute(
    sql.raw(
      `update accounts a set following_count = c.n from (select account_id, count(*) n from follows group by account_id) c where c.account_id = a.id`,
    ),
  );
  await db.execute(
    sql.raw(
      `update accounts a set followers_count = c.n from (select target_account_id, count(*) n from follows group by target_account_id) c where c.account_id = a.id`.replace(
        'c.account_id = a.id',
        'c.target_account_id = a.id',
      ),
    ),
  );
}
