import { count } from 'drizzle-orm';
import { openRuntime } from '../bootstrap.ts';
import type { AppContext } from '../context.ts';
import { accounts } from '../db/schema/index.ts';
import { findAccountByAcct } from '../domain/accounts/index.ts';
import { PERSONAS, seedPersonas, seedPosts } from '../domain/demo/seed-content.ts';
import { configOrExit, parseOptions } from './util.ts';

const HELP = `Usage: rounds seed

Adds the demo personas (${PERSONAS.map((p) => p.username).join(', ')}; password "rounds-demo-password")
with posts, replies, a 5-part teaching thread and hashtags such as #POCUS and #MedEd.
Refuses to run twice on the same database.`;

export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(accounts);
  return (row?.n ?? 0) === 0;
}

/** Creates the personas and their content; returns a one-line summary. */
export async function seedDemo(ctx: AppContext): Promise<string> {
  const people = await seedPersonas(ctx);
  const posts = await seedPosts(ctx, people);
  return `${Object.keys(people).length} accounts, ${posts} posts`;
}

export async function runSeed(args: string[]): Promise<number> {
  const opts = parseOptions(args, {}, HELP);
  if (typeof opts === 'number') return opts;
  const config = configOrExit();
  if (typeof config === 'number') return config;
  const rt = await openRuntime(config);
  try {
    if (await findAccountByAcct(rt.ctx, 'alice')) {
      process.stderr.write('The demo personas already exist; nothing was changed.\n');
      return 1;
    }
    process.stdout.write(`Seeded demo content: ${await seedDemo(rt.ctx)}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}
