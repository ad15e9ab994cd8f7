import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateId } from '../src/db/ids.ts';
import { accounts, phiAuditLog, scheduledStatuses, users } from '../src/db/schema/index.ts';
import { createOAuthApp, issueToken } from '../src/domain/oauth/index.ts';
import { cleanupUnattachedMedia } from '../src/jobs/cleanup-media.ts';
import { publishDueStatuses } from '../src/jobs/publish-scheduled.ts';
import {
  type CallOptions,
  call,
  createPersona,
  createTestEnv,
  FULL_SCOPES,
  type Persona,
  type TestEnv,
} from './harness.ts';
import { png, upload } from './media-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';
import { linkOf } from './timelines-helpers.ts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LEAK = 'Pt Marguerite Okafor, MRN 4471-2290, admitted with DKA: what insulin rate?';

/** A persona whose token belongs to a registered app, as every real client's does. */
async function personaWithApp(env: TestEnv, name: string): Promise<Persona> {
  const p = await createPersona(env, name);
  const app = await createOAuthApp(env.ctx, { name: 'Tusky', redirectUris: ['urn:ietf:wg:oauth:2.0:oob'] });
  const { accessToken } = await issueToken(env.ctx, app.id, p.user.id, FULL_SCOPES);
  return { ...p, token: accessToken };
}

/** ISO time `ms` from the test clock's now. */
function inFuture(env: TestEnv, ms: number): string {
  return new Date(env.clock.now().getTime() + ms).toISOString();
}

async function schedule(env: TestEnv, who: Persona, body: Record<string, unknown>, opts: CallOptions = {}) {
  return call(env, 'POST', '/api/v1/statuses', { token: who.token, body, ...opts });
}

async function scheduledIds(env: TestEnv, who: Persona): Promise<string[]> {
  const res = await call(env, 'GET', '/api/v1/scheduled_statuses?limit=40', { token: who.token });
  expect(res.status).toBe(200);
  return res.body.map((s: { id: string }) => s.id);
}

async function statusesOf(env: TestEnv, who: Persona) {
  const res = await call(env, 'GET', `/api/v1/accounts/${who.account.id}/statuses`, { token: who.token });
  expect(res.status).toBe(200);
  return res.body as Array<{ id: string; content: string; [k: string]: any }>;
}

/** Moves the clock past `iso` and runs the publisher as the server's timer would. */
async function publishAfter(env: TestEnv, iso: string) {
  const due = new Date(iso).getTime() + MINUTE;
  if (env.clock.now().getTime() < due) env.clock.set(new Date(due));
  const run = await publishDueStatuses(env.ctx);
  await env.ctx.events.idle();
  return run;
}

describe('scheduling a post', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await personaWithApp(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('answers a ScheduledStatus instead of posting, with the post Mastodon would make', async () => {
    const res = await schedule(env, alice, {
      status: 'Journal club on #sepsis guidelines @bob',
      scheduled_at: inFuture(env, HOUR),
      language: 'en',
      visibility: 'unlisted',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectMatchesSchema('ScheduledStatus', res.body);
    expect(res.body.scheduled_at).toBe(inFuture(env, HOUR));
    expect(res.body.params).toMatchObject({
      text: 'Journal club on #sepsis guidelines @bob',
      visibility: 'unlisted',
      language: 'en',
      sensitive: false,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
      in_reply_to_id: null,
      media_ids: null,
      poll: null,
      quote_approval_policy: 'public',
    });
    expect(res.body.media_attachments).toEqual([]);
    // Nothing is posted yet: no status, no mention notification.
    expect(await statusesOf(env, alice)).toEqual([]);
    await env.ctx.events.idle();
    const notes = await call(env, 'GET', '/api/v1/notifications', { token: bob.token });
    expect(notes.body).toEqual([]);
  });

  it('fills in the author’s defaults and sends reply and app ids as exact JSON integers', async () => {
    const parent = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: { status: 'Case?' },
    });
    const raw = await env.app.request('https://rounds.test/api/v1/statuses', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        status: '@bob start with the airway',
        in_reply_to_id: parent.body.id,
        scheduled_at: inFuture(env, 2 * HOUR),
      }),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toContain('application/json');
    const text = await raw.text();
    expect(text).toContain(`"in_reply_to_id":${parent.body.id},`);
    expect(text).toMatch(/"application_id":\d{10,},/);
    const body = JSON.parse(text);
    expectMatchesSchema('ScheduledStatus', body);
    expect(body.params).toMatchObject({ visibility: 'public', language: null, spoiler_text: '' });
  });

  it('refuses times less than five minutes ahead, or unreadable, saying what to send', async () => {
    const soon = await schedule(env, alice, { status: 'x', scheduled_at: inFuture(env, 4 * MINUTE) });
    expect(soon.status).toBe(422);
    expect(soon.body.error).toMatch(/^scheduled_at: must be at least 5 minutes from now/);
    const past = await schedule(env, alice, { status: 'x', scheduled_at: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    const garbled = await schedule(env, alice, { status: 'x', scheduled_at: 'next tuesday' });
    expect(garbled.status).toBe(422);
    expect(garbled.body.error).toContain('ISO 8601');
    const impossible = await schedule(env, alice, { status: 'x', scheduled_at: '2027-02-30T10:00:00Z' });
    expect(impossible.status).toBe(422);
    const exactly = await schedule(env, alice, { status: 'five', scheduled_at: inFuture(env, 5 * MINUTE) });
    expect(exactly.status).toBe(200);
    // A form body with a date only (midnight UTC), as some clients send.
    const form = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      form: { status: 'form', scheduled_at: '2026-12-24' },
    });
    expect(form.status).toBe(200);
    expect(form.body.scheduled_at).toBe('2026-12-24T00:00:00.000Z');
  });

  it('checks the post now as posting would, and stores nothing when it would fail', async () => {
    const before = await scheduledIds(env, alice);
    const at = inFuture(env, HOUR);
    const long = await schedule(env, alice, { status: 'a'.repeat(5001), scheduled_at: at });
    expect(long.status).toBe(422);
    expect(long.body.error).toMatch(/^status: the text is too long/);
    const blank = await schedule(env, alice, { status: '  ', scheduled_at: at });
    expect(blank.status).toBe(422);
    const secret = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: { status: 'followers only', visibility: 'private' },
    });
    const hidden = await schedule(env, alice, {
      status: 'hi',
      in_reply_to_id: secret.body.id,
      scheduled_at: at,
    });
    expect(hidden.status).toBe(404);
    const leak = await schedule(env, alice, { status: LEAK, scheduled_at: at });
    expect(leak.status).toBe(422);
    expect(leak.body.error_code).toBe('phi_detected');
    const badPoll = await schedule(env, alice, {
      status: 'Pick',
      poll: { options: ['only one'], expires_in: 3600 },
      scheduled_at: at,
    });
    expect(badPoll.status).toBe(422);
    expect(await scheduledIds(env, alice)).toEqual(before);
    expect(await statusesOf(env, alice)).toEqual([]);
    const [account] = await env.ctx.db.select().from(accounts).where(eq(accounts.id, alice.account.id));
    expect(account!.statusesCount).toBe(0);
  });

  it('returns the first scheduled post for a repeated Idempotency-Key', async () => {
    const body = { status: 'Sent twice by a flaky network', scheduled_at: inFuture(env, HOUR) };
    const headers = { 'idempotency-key': 'compose-42' };
    const first = await schedule(env, alice, body, { headers });
    const again = await schedule(env, alice, body, { headers });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await scheduledIds(env, alice)).filter((id) => id === first.body.id)).toHaveLength(1);
  });
});

describe('managing scheduled posts', () => {
  let env: TestEnv;
  let carol: Persona;
  let dan: Persona;
  const ids: string[] = [];

  beforeAll(async () => {
    env = await createTestEnv();
    carol = await personaWithApp(env, 'carol');
    dan = await createPersona(env, 'dan');
    for (let i = 1; i <= 3; i++) {
      const res = await schedule(env, carol, {
        status: `Shift note ${i}`,
        scheduled_at: inFuture(env, i * HOUR),
      });
      ids.push(res.body.id);
    }
  });

  it('lists the author’s own scheduled posts newest first, paged with Link', async () => {
    const first = await call(env, 'GET', '/api/v1/scheduled_statuses?limit=2', { token: carol.token });
    expect(first.status).toBe(200);
    for (const s of first.body) expectMatchesSchema('ScheduledStatus', s);
    expect(first.body.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const next = linkOf(first.headers, 'next')!;
    expect(next).toContain(`max_id=${ids[1]}`);
    const second = await call(env, 'GET', next, { token: carol.token });
    expect(second.body.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    const prev = await call(env, 'GET', linkOf(second.headers, 'prev')!, { token: carol.token });
    expect(prev.body.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    expect((await call(env, 'GET', '/api/v1/scheduled_statuses', { token: dan.token })).body).toEqual([]);
    expect((await call(env, 'GET', '/api/v1/scheduled_statuses')).status).toBe(401);
  });

  it('shows one, and answers 404 for anyone else’s or a malformed id', async () => {
    const one = await call(env, 'GET', `/api/v1/scheduled_statuses/${ids[0]}`, { token: carol.token });
    expect(one.status).toBe(200);
    expectMatchesSchema('ScheduledStatus', one.body);
    expect(one.body.params.text).toBe('Shift note 1');
    const path = `/api/v1/scheduled_statuses/${ids[0]}`;
    expect((await call(env, 'GET', path, { token: dan.token })).status).toBe(404);
    const at = inFuture(env, DAY);
    expect((await call(env, 'PUT', path, { token: dan.token, body: { scheduled_at: at } })).status).toBe(404);
    expect((await call(env, 'DELETE', path, { token: dan.token })).status).toBe(404);
    expect((await call(env, 'GET', '/api/v1/scheduled_statuses/abc', { token: carol.token })).status).toBe(
      404,
    );
  });

  it('moves a post to a new time under the same rules, and changes nothing else', async () => {
    const path = `/api/v1/scheduled_statuses/${ids[1]}`;
    const at = inFuture(env, 3 * DAY);
    const moved = await call(env, 'PUT', path, {
      token: carol.token,
      body: { scheduled_at: at, status: 'no' },
    });
    expect(moved.status).toBe(200);
    expectMatchesSchema('ScheduledStatus', moved.body);
    expect(moved.body).toMatchObject({ id: ids[1], scheduled_at: at, params: { text: 'Shift note 2' } });
    const soon = await call(env, 'PUT', path, {
      token: carol.token,
      body: { scheduled_at: inFuture(env, MINUTE) },
    });
    expect(soon.status).toBe(422);
    expect(soon.body.error).toContain('5 minutes');
    const missing = await call(env, 'PUT', path, { token: carol.token, form: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error).toContain('scheduled_at');
    expect((await call(env, 'GET', path, { token: carol.token })).body.scheduled_at).toBe(at);
  });

  it('cancels a post: DELETE answers {} and it never goes out', async () => {
    const del = await call(env, 'DELETE', `/api/v1/scheduled_statuses/${ids[2]}`, { token: carol.token });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({});
    expect(
      (await call(env, 'GET', `/api/v1/scheduled_statuses/${ids[2]}`, { token: carol.token })).status,
    ).toBe(404);
    await publishAfter(env, inFuture(env, 4 * HOUR));
    const posted = await statusesOf(env, carol);
    expect(posted.map((s) => s.content)).toEqual(['<p>Shift note 1</p>']);
  });

  it('holds to Mastodon’s limits: 25 on one day, 300 in all', async () => {
    const day = new Date(env.clock.now().getTime() + 10 * DAY);
    day.setUTCHours(8, 0, 0, 0);
    for (let i = 0; i < 25; i++) {
      const res = await schedule(env, dan, {
        status: `Quiz ${i}`,
        scheduled_at: new Date(day.getTime() + i * MINUTE).toISOString(),
      });
      expect(res.status).toBe(200);
    }
    const extra = await schedule(env, dan, {
      status: 'Quiz 26',
      scheduled_at: new Date(day.getTime() + HOUR).toISOString(),
    });
    expect(extra.status).toBe(422);
    expect(extra.body.error).toContain('25 posts scheduled on');
    const nextDay = await schedule(env, dan, {
      status: 'Quiz 26',
      scheduled_at: new Date(day.getTime() + DAY).toISOString(),
    });
    expect(nextDay.status).toBe(200);
    // 274 more, straight into the table (each day under 25), make 300.
    const now = env.clock.now();
    await env.ctx.db.insert(scheduledStatuses).values(
      Array.from({ length: 274 }, (_, i) => ({
        id: generateId(),
        accountId: dan.account.id,
        scheduledAt: new Date(day.getTime() + (20 + Math.floor(i / 20)) * DAY),
        params: {
          text: `Filler ${i}`,
          spoilerText: '',
          sensitive: false,
          visibility: 'public' as const,
          language: null,
          inReplyToId: null,
          quotedStatusId: null,
          quotePolicy: 'public' as const,
          poll: null,
        },
        createdAt: now,
      })),
    );
    const over = await schedule(env, dan, { status: 'One too many', scheduled_at: inFuture(env, 400 * DAY) });
    expect(over.status).toBe(422);
    expect(over.body.error).toContain('300 scheduled posts');
  });
});

describe('publishing scheduled posts', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;

  beforeAll(async () => {
    env = await createTestEnv();
    alice = await personaWithApp(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('publishes when due, through normal posting: media, mentions, notifications', async () => {
    const media = await upload(env, alice.token, await png(32, 24), {
      type: 'image/png',
      description: 'ECG strip',
    });
    const at = inFuture(env, 2 * DAY);
    const res = await schedule(env, alice, {
      status: '@bob ECG of the week #ecg',
      media_ids: [media.body.id],
      scheduled_at: at,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.params.media_ids).toEqual([media.body.id]);
    expect(res.body.media_attachments.map((m: { id: string }) => m.id)).toEqual([media.body.id]);
    expect(res.body.media_attachments[0].description).toBe('ECG strip');

    // The upload waits for its post: a day later the clean-up leaves it alone.
    env.clock.advance(DAY + HOUR);
    expect(await cleanupUnattachedMedia(env.ctx)).toBe(0);
    expect(await publishDueStatuses(env.ctx)).toEqual({ published: 0, failed: 0 });
    expect(await statusesOf(env, alice)).toEqual([]);

    expect(await publishAfter(env, at)).toEqual({ published: 1, failed: 0 });
    const [status] = await statusesOf(env, alice);
    expect(status!.content).toContain('ECG of the week');
    expect(status!.media_attachments.map((m: { id: string }) => m.id)).toEqual([media.body.id]);
    expect(status!.mentions.map((m: { id: string }) => m.id)).toEqual([bob.account.id]);
    expectMatchesSchema('Status', status);
    const notes = await call(env, 'GET', '/api/v1/notifications', { token: bob.token });
    expect(notes.body.map((n: { type: string; status: { id: string } }) => [n.type, n.status.id])).toEqual([
      ['mention', status!.id],
    ]);
    expect(await scheduledIds(env, alice)).toEqual([]);
    const tagged = await call(env, 'GET', '/api/v1/timelines/tag/ecg');
    expect(tagged.body.map((s: { id: string }) => s.id)).toEqual([status!.id]);
    expect(await publishDueStatuses(env.ctx)).toEqual({ published: 0, failed: 0 });
  });

  it('never publishes a post twice, even with two publishers at once', async () => {
    const at = inFuture(env, HOUR);
    for (const n of [1, 2, 3]) await schedule(env, alice, { status: `Round ${n}`, scheduled_at: at });
    const before = (await statusesOf(env, alice)).length;
    env.clock.set(new Date(new Date(at).getTime() + MINUTE));
    const runs = await Promise.all([publishDueStatuses(env.ctx), publishDueStatuses(env.ctx)]);
    expect(runs.reduce((n, r) => n + r.published, 0)).toBe(3);
    const after = await statusesOf(env, alice);
    expect(after).toHaveLength(before + 3);
    expect(new Set(after.map((s) => s.content)).size).toBe(after.length);
  });

  it('applies a Rounds API redaction before storing, audited against the scheduled post', async () => {
    const at = inFuture(env, HOUR);
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: alice.token,
      body: { status: LEAK, phi: { action: 'redact' }, scheduled_at: at },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectMatchesSchema('ScheduledStatus', res.body);
    expect(res.body.params.text).toContain('[NAME]');
    expect(JSON.stringify(res.body)).not.toContain('Okafor');
    const [stored] = await env.ctx.db
      .select()
      .from(scheduledStatuses)
      .where(eq(scheduledStatuses.id, res.body.id));
    expect(JSON.stringify(stored)).not.toContain('Okafor');
    const audits = await env.ctx.db.select().from(phiAuditLog).where(eq(phiAuditLog.targetId, res.body.id));
    expect(audits).toMatchObject([{ action: 'redacted', surface: 'status', accountId: alice.account.id }]);

    expect(await publishAfter(env, at)).toEqual({ published: 1, failed: 0 });
    const [latest] = await statusesOf(env, alice);
    expect(latest!.content).toContain('[NAME]');
    expect(latest!.content).not.toContain('Okafor');
  });

  it('carries a poll through to the published post', async () => {
    const at = inFuture(env, HOUR);
    const res = await schedule(env, alice, {
      status: 'First-line vasopressor in septic shock?',
      poll: { options: ['Noradrenaline', 'Vasopressin'], expires_in: 7200, multiple: false },
      scheduled_at: at,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectMatchesSchema('ScheduledStatus', res.body);
    expect(res.body.params.poll).toEqual({
      options: ['Noradrenaline', 'Vasopressin'],
      expires_in: 7200,
      multiple: false,
      hide_totals: false,
    });
    await publishAfter(env, at);
    const [latest] = await statusesOf(env, alice);
    expect(latest!.poll.options.map((o: { title: string }) => o.title)).toEqual([
      'Noradrenaline',
      'Vasopressin',
    ]);
    // The poll runs from publication, not from scheduling.
    expect(new Date(latest!.poll.expires_at).getTime()).toBe(env.clock.now().getTime() + 7200 * 1000);
  });

  it('keeps a post that can no longer be made, listed and not retried; moving it retries it', async () => {
    const parent = await call(env, 'POST', '/api/v1/statuses', {
      token: bob.token,
      body: { status: 'Thoughts?' },
    });
    const at = inFuture(env, HOUR);
    const reply = await schedule(env, alice, {
      status: '@bob agreed',
      in_reply_to_id: parent.body.id,
      scheduled_at: at,
    });
    expect(reply.status).toBe(200);
    await call(env, 'DELETE', `/api/v1/statuses/${parent.body.id}`, { token: bob.token });
    const before = (await statusesOf(env, alice)).length;
    expect(await publishAfter(env, at)).toEqual({ published: 0, failed: 1 });
    expect(await publishDueStatuses(env.ctx)).toEqual({ published: 0, failed: 0 });
    expect(await statusesOf(env, alice)).toHaveLength(before);
    const kept = await call(env, 'GET', `/api/v1/scheduled_statuses/${reply.body.id}`, {
      token: alice.token,
    });
    expect(kept.body.params.text).toBe('@bob agreed');

    // A cause the author can fix: the account was disabled, then enabled again.
    const note = await schedule(env, alice, {
      status: 'Back on the ward',
      scheduled_at: inFuture(env, HOUR),
    });
    await env.ctx.db.update(users).set({ disabled: true }).where(eq(users.id, alice.user.id));
    expect(await publishAfter(env, note.body.scheduled_at)).toEqual({ published: 0, failed: 1 });
    await env.ctx.db.update(users).set({ disabled: false }).where(eq(users.id, alice.user.id));
    const later = inFuture(env, 10 * MINUTE);
    const moved = await call(env, 'PUT', `/api/v1/scheduled_statuses/${note.body.id}`, {
      token: alice.token,
      body: { scheduled_at: later },
    });
    expect(moved.status).toBe(200);
    // Moved, the reply is retried too, and fails again: its target is still gone.
    await call(env, 'PUT', `/api/v1/scheduled_statuses/${reply.body.id}`, {
      token: alice.token,
      body: { scheduled_at: later },
    });
    expect(await publishAfter(env, later)).toEqual({ published: 1, failed: 1 });
    expect((await statusesOf(env, alice))[0]!.content).toBe('<p>Back on the ward</p>');
  });

  it('reserves an upload for one scheduled post only', async () => {
    const media = await upload(env, alice.token, await png(20, 20), { type: 'image/png' });
    const at = inFuture(env, HOUR);
    const first = await schedule(env, alice, { status: 'One', media_ids: [media.body.id], scheduled_at: at });
    expect(first.status).toBe(200);
    const second = await schedule(env, alice, {
      status: 'Two',
      media_ids: [media.body.id],
      scheduled_at: at,
    });
    expect(second.status).toBe(422);
    expect(second.body.error).toContain('another scheduled post');
    const other = await schedule(env, bob, { status: 'Mine?', media_ids: [media.body.id], scheduled_at: at });
    expect(other.status).toBe(422);

    // Cancelled two days later, the upload gets a fresh day, to post it another way.
    env.clock.advance(2 * DAY);
    await call(env, 'PUT', `/api/v1/scheduled_statuses/${first.body.id}`, {
      token: alice.token,
      body: { scheduled_at: inFuture(env, HOUR) },
    });
    const del = await call(env, 'DELETE', `/api/v1/scheduled_statuses/${first.body.id}`, {
      token: alice.token,
    });
    expect(del.status).toBe(200);
    expect(await cleanupUnattachedMedia(env.ctx)).toBe(0);
    const now = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'Posted now instead', media_ids: [media.body.id] },
    });
    expect(now.status).toBe(200);
    expect(now.body.media_attachments.map((m: { id: string }) => m.id)).toEqual([media.body.id]);
  });
});
