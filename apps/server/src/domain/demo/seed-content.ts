import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import { generateId } from '../../db/ids.ts';
import { type AccountRow, accounts, follows, type UserRole } from '../../db/schema/index.ts';
import { createLocalAccount } from '../accounts/index.ts';
import { createStatus } from '../statuses/create.ts';
import { favouriteStatus, reblogStatus } from '../statuses/interactions.ts';
import { FAVOURITES, FOLLOWS, POSTS, REBLOGS, THREAD, THREAD_REPLIES } from './seed-posts.ts';

export const DEMO_PASSWORD = 'rounds-demo-password';

/** The named personas shared by tests and `rounds seed`. */
export const PERSONAS = [
  {
    username: 'alice',
    displayName: 'Alice Adeyemi',
    note: 'PGY-2 internal medicine resident. Learning #POCUS one view at a time.',
    role: 'user' as UserRole,
  },
  {
    username: 'bob',
    displayName: 'Dr Bob Baptiste',
    note: 'Attending, emergency medicine. Tweetorials on ultrasound and resuscitation. #MedEd',
    role: 'user' as UserRole,
  },
  {
    username: 'carol',
    displayName: 'Carol Chen, RN',
    note: 'ICU nurse educator. Lines, drips and safe handovers.',
    role: 'user' as UserRole,
  },
  {
    username: 'dan',
    displayName: 'Dan Dimitrov',
    note: 'Third-year medical student. Asking the questions everyone has.',
    role: 'user' as UserRole,
  },
  {
    username: 'mo',
    displayName: 'Mo Moderator',
    note: 'Community moderator for this server.',
    role: 'moderator' as UserRole,
  },
] as const;

export type PersonaName = (typeof PERSONAS)[number]['username'];

export async function seedPersonas(ctx: AppContext): Promise<Record<PersonaName, AccountRow>> {
  const out = {} as Record<PersonaName, AccountRow>;
  for (const p of PERSONAS) {
    const { account } = await createLocalAccount(ctx, {
      username: p.username,
      email: `${p.username}@rounds.example`,
      password: DEMO_PASSWORD,
      displayName: p.displayName,
      note: p.note,
      role: p.role,
    });
    out[p.username] = account;
  }
  return out;
}

async function seedFollows(ctx: AppContext, people: Record<PersonaName, AccountRow>): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(follows).values(
      FOLLOWS.map(([from, to]) => ({
        id: generateId(),
        accountId: people[from].id,
        targetAccountId: people[to].id,
        createdAt: now,
      })),
    );
    for (const p of PERSONAS) {
      const id = people[p.username].id;
      await tx
        .update(accounts)
        .set({
          followingCount: FOLLOWS.filter(([from]) => from === p.username).length,
          followersCount: FOLLOWS.filter(([, to]) => to === p.username).length,
        })
        .where(eq(accounts.id, id));
    }
  });
}

/**
 * Demo content through the statuses domain: follows between the personas, 50+ posts with replies,
 * a 5-part teaching thread by bob, two quotes, favourites and reblogs. Post times are spread over
 * the preceding days. Returns the number of posts (reblogs not counted).
 */
export async function seedPosts(ctx: AppContext, people: Record<PersonaName, AccountRow>): Promise<number> {
  await seedFollows(ctx, people);
  const all = [...POSTS.slice(0, 6), ...THREAD, ...THREAD_REPLIES, ...POSTS.slice(6)];
  const step = 37 * 60_000;
  let at = ctx.clock.now().getTime() - (all.length + REBLOGS.length + 1) * step;
  const timed: AppContext = { ...ctx, clock: { now: () => new Date(at) } };
  const ids = new Map<string, string>();
  const idOf = (key: string | undefined) => {
    if (key === undefined) return undefined;
    const id = ids.get(key);
    if (!id) throw new Error(`seed: post "${key}" is used before it is written`);
    return id;
  };
  for (const p of all) {
    at += step;
    const row = await createStatus(timed, people[p.by].id, {
      text: p.text,
      spoilerText: p.cw,
      visibility: p.visibility ?? 'public',
      language: 'en',
      inReplyToId: idOf(p.to),
      quotedStatusId: idOf(p.quote),
    });
    if (p.key) ids.set(p.key, row.id);
  }
  for (const [who, key] of FAVOURITES) await favouriteStatus(timed, people[who].id, idOf(key)!);
  for (const [who, key] of REBLOGS) {
    at += step;
    await reblogStatus(timed, people[who].id, idOf(key)!);
  }
  return all.length;
}
