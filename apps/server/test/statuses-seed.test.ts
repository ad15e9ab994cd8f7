import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountRow } from '../src/db/schema/index.ts';
import { accounts, follows, statuses, tags } from '../src/db/schema/index.ts';
import { type PersonaName, seedPersonas, seedPosts } from '../src/domain/demo/seed-content.ts';
import { call, createTestEnv, type TestEnv } from './harness.ts';
import { expectMatchesSchema, schemaValidator } from './openapi.ts';

describe('demo content (rounds seed)', () => {
  let env: TestEnv;
  let people: Record<PersonaName, AccountRow>;
  let posts: number;
  beforeAll(async () => {
    env = await createTestEnv();
    people = await seedPersonas(env.ctx);
    posts = await seedPosts(env.ctx, people);
  });

  it('writes at least 50 posts across every persona, with replies and hashtags', async () => {
    expect(posts).toBeGreaterThanOrEqual(50);
    const rows = await env.ctx.db.select().from(statuses);
    const originals = rows.filter((r) => r.reblogOfId === null);
    expect(originals.length).toBe(posts);
    for (const p of Object.values(people)) expect(originals.some((r) => r.accountId === p.id)).toBe(true);
    expect(originals.filter((r) => r.inReplyToId !== null).length).toBeGreaterThan(10);
    const names = (await env.ctx.db.select({ name: tags.name }).from(tags)).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['pocus', 'meded']));
  });

  it("contains bob's 5-part teaching thread as self-replies", async () => {
    const [root] = await env.ctx.db.select().from(statuses).where(sql`${statuses.text} like '🧵 1/5%'`);
    expect(root?.accountId).toBe(people.bob.id);
    const ctx = await call(env, 'GET', `/api/v1/statuses/${root!.id}/context`);
    expectMatchesSchema('Context', ctx.body);
    const selfReplies = ctx.body.descendants.filter(
      (s: any) => s.account.username === 'bob' && /^[2-5]\/5/.test(s.content.replace(/<[^>]+>/g, '')),
    );
    expect(selfReplies).toHaveLength(4);
  });

  it('keeps follower, following and status counters equal to the rows', async () => {
    for (const p of Object.values(people)) {
      const [a] = await env.ctx.db.select().from(accounts).where(eq(accounts.id, p.id));
      const following = await env.ctx.db.select().from(follows).where(eq(follows.accountId, p.id));
      const followers = await env.ctx.db.select().from(follows).where(eq(follows.targetAccountId, p.id));
      const own = await env.ctx.db
        .select()
        .from(statuses)
        .where(sql`${statuses.accountId} = ${p.id} and ${statuses.visibility} <> 'direct'`);
      expect(a!.followingCount).toBe(following.length);
      expect(a!.followersCount).toBe(followers.length);
      expect(a!.statusesCount).toBe(own.length);
    }
    const reblogged = await env.ctx.db.select().from(statuses).where(sql`${statuses.reblogsCount} > 0`);
    expect(reblogged.length).toBeGreaterThan(0);
  });

  it('carries no obvious patient identifiers (dates, record numbers, phone numbers)', async () => {
    const rows = await env.ctx.db.select({ text: statuses.text }).from(statuses);
    for (const { text } of rows) {
      expect(text).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
      expect(text).not.toMatch(/\bMRN\b|\bDOB\b|\b\d{6,}\b/i);
      expect(text).not.toMatch(/\b\d{2,3}[- ]year[- ]old\b/i);
    }
  });
});

describe('the OpenAPI helper', () => {
  it('rejects a body that is not a Status', () => {
    expect(schemaValidator('Status')({ id: 1 })).toBe(false);
    expect(() => expectMatchesSchema('Status', { id: '1' })).toThrow(/Status/);
  });
});
