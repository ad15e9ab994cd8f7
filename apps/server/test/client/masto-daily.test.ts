import { createStreamingAPIClient, MastoHttpError, type mastodon } from 'masto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExpiredPolls } from '../../src/jobs/poll-expiry.ts';
import { publishDueStatuses } from '../../src/jobs/publish-scheduled.ts';
import { channels } from '../../src/streaming/channels.ts';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { listen } from '../listen.ts';
import { expectMatchesSchema } from '../openapi.ts';
import { signUpWithMasto } from './masto-sign-up.ts';

// masto 7.12 has no typed call for GET /api/v1/instance/rules (Mastodon 3.4+); this declares the
// one its proxy already makes, so the test still goes through masto.
declare module 'masto/mastodon/rest/v1/instance.js' {
  interface InstanceRulesResource {
    list: import('masto/mastodon/method.js').Method<mastodon.v1.Rule[]>;
  }
  interface InstanceResource {
    rules: InstanceRulesResource;
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * One response as it crossed the wire (snake_case JSON, before masto camel-cases it), so what the
 * library parsed can also be checked against Mastodon's OpenAPI schemas.
 */
interface WireResponse {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

/** Records every JSON response masto receives through the global fetch; restored after the file. */
function tapFetch(): { responses: WireResponse[]; restore(): void } {
  const responses: WireResponse[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const res = await realFetch(input, init);
    const request = input instanceof Request ? input : new Request(input, init);
    if (res.headers.get('content-type')?.includes('json')) {
      const text = await res.clone().text();
      responses.push({
        method: request.method,
        path: new URL(request.url).pathname,
        status: res.status,
        body: text ? JSON.parse(text) : null,
      });
    }
    return res;
  };
  return {
    responses,
    restore: () => {
      globalThis.fetch = realFetch;
    },
  };
}

/**
 * Resolves when the streaming hub subscribes `channel` on the bus, i.e. once the server holds the
 * subscription a masto client just asked for (masto sends `subscribe` and gets no answer, as Mastodon).
 */
function watchBus(env: TestEnv): { subscribed(channel: string): Promise<void> } {
  const bus = env.ctx.streams;
  const original = bus.subscribe.bind(bus);
  const seen = new Set<string>();
  const waiters = new Map<string, Array<() => void>>();
  bus.subscribe = async (channel, handler) => {
    const off = await original(channel, handler);
    seen.add(channel);
    for (const resolve of waiters.get(channel) ?? []) resolve();
    waiters.delete(channel);
    return off;
  };
  return {
    subscribed(channel) {
      if (seen.has(channel)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no subscription to ${channel} within 5 s`)), 5_000);
        waiters.set(channel, [
          ...(waiters.get(channel) ?? []),
          () => {
            clearTimeout(timer);
            resolve();
          },
        ]);
      });
    },
  };
}

/** Events a masto subscription delivers, read in the background; `next` waits for a matching one. */
interface Listener {
  events: mastodon.streaming.Event[];
  next<E extends mastodon.streaming.Event>(
    match: (e: mastodon.streaming.Event) => e is E,
    timeoutMs?: number,
  ): Promise<E>;
  next(
    match: (e: mastodon.streaming.Event) => boolean,
    timeoutMs?: number,
  ): Promise<mastodon.streaming.Event>;
}

function listenTo(subscription: mastodon.streaming.Subscription): Listener {
  const events: mastodon.streaming.Event[] = [];
  const waiters: Array<{ match: (e: mastodon.streaming.Event) => boolean; resolve(e: unknown): void }> = [];
  void (async () => {
    try {
      for await (const event of subscription) {
        events.push(event);
        for (const w of [...waiters]) {
          if (w.match(event)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(event);
          }
        }
      }
    } catch {
      // The client was closed at the end of a test.
    }
  })();
  return {
    events,
    next(match: (e: mastodon.streaming.Event) => boolean, timeoutMs = 5_000): Promise<any> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (e: unknown) => {
            clearTimeout(timer);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
  };
}

/**
 * What a refused call gave the app: its status and the server's message. NOTE: masto throws the
 * bare Response here rather than a MastoHttpError, because the in-process server (node-server)
 * replaces the global Response class that masto's `instanceof` check uses; real apps never share a
 * process with the server. Either shape is read.
 */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; error: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MastoHttpError) return { status: error.statusCode, error: error.message };
    const res = error as { status: number; json(): Promise<{ error: string }> };
    return { status: res.status, error: (await res.json()).error };
  }
  throw new Error('expected the server to refuse the call');
}

/**
 * A second masto-driven day, through the features that came with polls, lists, conversations,
 * filters, scheduled posts, trends and the instance pages: every call is masto's typed API against a
 * real listening server, and what crossed the wire is checked against Mastodon's OpenAPI schemas.
 */
describe('masto client: polls, lists, conversations, filters, scheduled posts, instance', () => {
  let env: TestEnv;
  let url: string;
  let wire: ReturnType<typeof tapFetch>;
  let bus: ReturnType<typeof watchBus>;
  let streamingApiUrl: string;
  const streamingClients: mastodon.streaming.Client[] = [];
  const people: Record<
    'alice' | 'bob' | 'carol' | 'dan',
    { rest: mastodon.rest.Client; id: string; token: string }
  > = {} as never;

  /** The last JSON body masto received for `method path` (path as a pattern), failing if none. */
  function lastBody(method: string, path: RegExp): any {
    const found = wire.responses.findLast((r) => r.method === method && path.test(r.path));
    expect(found, `${method} ${path}`).toBeDefined();
    return found!.body;
  }

  function stream(who: keyof typeof people): mastodon.streaming.Client {
    const client = createStreamingAPIClient({
      streamingApiUrl,
      accessToken: people[who].token,
      retry: false,
    });
    streamingClients.push(client);
    return client;
  }

  function signUp(username: string): Promise<{ rest: mastodon.rest.Client; token: string }> {
    return signUpWithMasto(url, username, 'masto daily');
  }

  beforeAll(async () => {
    env = await createTestEnv();
    url = await listen(env);
    env.config.publicUrl = url;
    wire = tapFetch();
    bus = watchBus(env);
    for (const name of ['alice', 'bob', 'carol', 'dan'] as const) {
      const { rest, token } = await signUp(name);
      people[name] = { rest, token, id: (await rest.v1.accounts.verifyCredentials()).id };
    }
    // What an app does first: ask the server where its streaming API lives.
    const instance = await people.alice.rest.v2.instance.fetch();
    streamingApiUrl = instance.configuration.urls.streaming;
  });

  afterAll(() => {
    for (const client of streamingClients) client.close();
    wire.restore();
  });

  it('posts a poll; a colleague votes, both read the results, and the voter hears when it ends', async () => {
    const { alice, bob } = people;
    const status = await bob.rest.v1.statuses.create({
      status: 'First-line agent for uncomplicated cystitis?',
      visibility: 'public',
      poll: { options: ['Nitrofurantoin', 'Fosfomycin', 'Trimethoprim'], expiresIn: HOUR_MS / 1000 },
    });
    expectMatchesSchema('Status', lastBody('POST', /^\/api\/v1\/statuses$/));
    const poll = status.poll!;
    expect(poll.options.map((o) => o.title)).toEqual(['Nitrofurantoin', 'Fosfomycin', 'Trimethoprim']);
    expect(poll.expired).toBe(false);
    expect(new Date(poll.expiresAt!).getTime()).toBe(env.clock.now().getTime() + HOUR_MS);

    const voted = await alice.rest.v1.polls.$select(poll.id).votes.create({ choices: [0] });
    expectMatchesSchema('Poll', lastBody('POST', /^\/api\/v1\/polls\/\d+\/votes$/));
    expect(voted).toMatchObject({ voted: true, ownVotes: [0], votesCount: 1, votersCount: 1 });
    expect(await refusal(alice.rest.v1.polls.$select(poll.id).votes.create({ choices: [1] }))).toEqual({
      status: 422,
      error: 'You have already voted on this poll',
    });

    for (const reader of [alice, bob]) {
      const seen = await reader.rest.v1.polls.$select(poll.id).fetch();
      expectMatchesSchema('Poll', lastBody('GET', /^\/api\/v1\/polls\/\d+$/));
      expect(seen.options.map((o) => o.votesCount)).toEqual([1, 0, 0]);
    }
    const onStatus = await bob.rest.v1.statuses.$select(status.id).fetch();
    expect(onStatus.poll?.votesCount).toBe(1);

    // The voter's app listens for notifications while the hour passes and the expiry job runs.
    const live = listenTo(stream('alice').user.notification.subscribe());
    await bus.subscribed(channels.notifications(alice.id));
    env.clock.advance(HOUR_MS + 1000);
    expect(await closeExpiredPolls(env.ctx)).toBe(1);
    await env.ctx.events.idle();
    const pushed = await live.next(
      (e): e is mastodon.streaming.NotificationEvent =>
        e.event === 'notification' && e.payload.type === 'poll',
    );
    expect(pushed.stream).toEqual(['user:notification']);
    expect(pushed.payload.type === 'poll' && pushed.payload.status.id).toBe(status.id);
    const ended = await alice.rest.v1.polls.$select(poll.id).fetch();
    expect(ended.expired).toBe(true);

    const notifications = await alice.rest.v1.notifications.list({ types: ['poll'] });
    expectMatchesSchema('Notification', (lastBody('GET', /^\/api\/v1\/notifications$/) as unknown[])[0]);
    expect(notifications).toHaveLength(1);
    const [ending] = notifications;
    expect(ending?.type).toBe('poll');
    if (ending?.type !== 'poll') return;
    expect(ending.status.id).toBe(status.id);
    expect(ending.status.poll?.expired).toBe(true);
    // The author hears too, as Mastodon tells the poll's owner.
    const bobs = await bob.rest.v1.notifications.list({ types: ['poll'] });
    expect(bobs.map((n) => n.type)).toEqual(['poll']);
  });

  it('keeps a list: its timeline, an exclusive list out of home, and its live stream', async () => {
    const { alice, carol } = people;
    await alice.rest.v1.accounts.$select(carol.id).follow();
    const list = await alice.rest.v1.lists.create({ title: 'Nephrology' });
    expectMatchesSchema('List', lastBody('POST', /^\/api\/v1\/lists$/));
    expect(list).toMatchObject({ title: 'Nephrology', exclusive: false });
    await alice.rest.v1.lists.$select(list.id).accounts.create({ accountIds: [carol.id] });
    const members = await alice.rest.v1.lists.$select(list.id).accounts.list();
    expect(members.map((a) => a.id)).toEqual([carol.id]);
    const holding = await alice.rest.v1.accounts.$select(carol.id).lists.list();
    expect(holding.map((l) => l.id)).toEqual([list.id]);
    expect((await alice.rest.v1.lists.list()).map((l) => l.title)).toEqual(['Nephrology']);

    const first = await carol.rest.v1.statuses.create({ status: 'Hyperkalaemia: calcium first, then shift' });
    const listTimeline = await alice.rest.v1.timelines.list.$select(list.id).list();
    for (const s of lastBody('GET', /^\/api\/v1\/timelines\/list\/\d+$/) as unknown[])
      expectMatchesSchema('Status', s);
    expect(listTimeline.map((s) => s.id)).toEqual([first.id]);
    expect((await alice.rest.v1.timelines.home.list()).map((s) => s.id)).toContain(first.id);

    const exclusive = await alice.rest.v1.lists
      .$select(list.id)
      .update({ title: 'Nephrology', exclusive: true });
    expectMatchesSchema('List', lastBody('PUT', /^\/api\/v1\/lists\/\d+$/));
    expect(exclusive.exclusive).toBe(true);

    const live = listenTo(stream('alice').list.subscribe({ list: list.id }));
    await bus.subscribed(channels.list(list.id));
    const second = await carol.rest.v1.statuses.create({ status: 'Dialysis indications: AEIOU' });
    const update = await live.next(
      (e): e is mastodon.streaming.UpdateEvent => e.event === 'update' && e.payload.id === second.id,
    );
    expect(update.stream).toEqual(['list', list.id]);
    expect(update.payload.content).toContain('AEIOU');

    const home = (await alice.rest.v1.timelines.home.list()).map((s) => s.id);
    expect(home).not.toContain(second.id);
    const inList = (await alice.rest.v1.timelines.list.$select(list.id).list()).map((s) => s.id);
    expect(inList).toEqual([second.id, first.id]);

    await alice.rest.v1.lists.$select(list.id).accounts.remove({ accountIds: [carol.id] });
    expect(await alice.rest.v1.lists.$select(list.id).accounts.list()).toEqual([]);
    await alice.rest.v1.lists.$select(list.id).remove();
    expect((await refusal(alice.rest.v1.lists.$select(list.id).fetch())).status).toBe(404);
  });

  it('sends a direct message; the recipient reads the conversation and hears the reply live', async () => {
    const { alice, dan } = people;
    const dm = await alice.rest.v1.statuses.create({
      status: '@dan can you cover my 7am handover tomorrow?',
      visibility: 'direct',
    });
    await env.ctx.events.idle();

    const conversations = await dan.rest.v1.conversations.list();
    for (const c of lastBody('GET', /^\/api\/v1\/conversations$/) as unknown[])
      expectMatchesSchema('Conversation', c);
    expect(conversations).toHaveLength(1);
    const [conversation] = conversations;
    expect(conversation?.unread).toBe(true);
    expect(conversation?.lastStatus?.id).toBe(dm.id);
    expect(conversation?.accounts.map((a) => a.id)).toEqual([alice.id]);

    const read = await dan.rest.v1.conversations.$select(conversation!.id).read();
    expectMatchesSchema('Conversation', lastBody('POST', /^\/api\/v1\/conversations\/\d+\/read$/));
    expect(read.unread).toBe(false);
    expect((await dan.rest.v1.conversations.list())[0]?.unread).toBe(false);
    // Keep it for later, then read it again (Mastodon 4.2+).
    const kept = await dan.rest.v1.conversations.$select(conversation!.id).unread();
    expectMatchesSchema('Conversation', lastBody('POST', /^\/api\/v1\/conversations\/\d+\/unread$/));
    expect(kept.unread).toBe(true);
    expect((await dan.rest.v1.conversations.list())[0]?.unread).toBe(true);
    await dan.rest.v1.conversations.$select(conversation!.id).read();

    const live = listenTo(stream('dan').direct.subscribe());
    await bus.subscribed(channels.direct(dan.id));
    const reply = await alice.rest.v1.statuses.create({
      status: '@dan thanks, the list is in the usual place',
      visibility: 'direct',
      inReplyToId: dm.id,
    });
    const event = await live.next(
      (e): e is mastodon.streaming.ConversationEvent =>
        e.event === 'conversation' && e.payload.lastStatus?.id === reply.id,
    );
    expect(event.stream).toEqual(['direct']);
    expect(event.payload.id).toBe(conversation!.id);
    expect(event.payload.unread).toBe(true);
    expect(event.payload.accounts.map((a) => a.id)).toEqual([alice.id]);

    await dan.rest.v1.conversations.$select(conversation!.id).remove();
    expect(await dan.rest.v1.conversations.list()).toEqual([]);
  });

  it('filters a word from home: a warning, then hidden, with filters_changed on the user stream', async () => {
    const { alice, bob } = people;
    await alice.rest.v1.accounts.$select(bob.id).follow();
    const live = listenTo(stream('alice').user.subscribe());
    await bus.subscribed(channels.home(alice.id));

    const filter = await alice.rest.v2.filters.create({
      title: 'Spoilers from the exam',
      context: ['home'],
      filterAction: 'warn',
      keywordsAttributes: [{ keyword: 'OSCE', wholeWord: true }],
    });
    expectMatchesSchema('Filter', lastBody('POST', /^\/api\/v2\/filters$/));
    expect(filter.keywords.map((k) => [k.keyword, k.wholeWord])).toEqual([['OSCE', true]]);
    await live.next((e) => e.event === 'filters_changed');

    const matching = await bob.rest.v1.statuses.create({
      status: 'The OSCE station 4 was a breaking-news case',
    });
    const partWord = await bob.rest.v1.statuses.create({ status: 'OSCEs are next week, revise together?' });
    const home = await alice.rest.v1.timelines.home.list();
    for (const s of lastBody('GET', /^\/api\/v1\/timelines\/home$/) as unknown[])
      expectMatchesSchema('Status', s);
    const warned = home.find((s) => s.id === matching.id);
    expect(warned?.filtered).toHaveLength(1);
    expect(warned?.filtered?.[0]).toMatchObject({
      filter: { id: filter.id, title: 'Spoilers from the exam', filterAction: 'warn', context: ['home'] },
      keywordMatches: ['OSCE'],
    });
    // Whole word: "OSCEs" is another word.
    expect(home.find((s) => s.id === partWord.id)?.filtered ?? []).toEqual([]);

    // The v1 view of the same filter, as older apps read it.
    const v1 = await alice.rest.v1.filters.list();
    for (const f of lastBody('GET', /^\/api\/v1\/filters$/) as unknown[]) expectMatchesSchema('V1Filter', f);
    expect(v1.map((f) => [f.phrase, f.wholeWord, f.irreversible])).toEqual([['OSCE', true, false]]);

    const before = live.events.length;
    const hiding = await alice.rest.v2.filters.$select(filter.id).update({ filterAction: 'hide' });
    expectMatchesSchema('Filter', lastBody('PUT', /^\/api\/v2\/filters\/\d+$/));
    expect(hiding.filterAction).toBe('hide');
    await live.next((e) => e.event === 'filters_changed' && live.events.indexOf(e) >= before);
    const hidden = (await alice.rest.v1.timelines.home.list()).map((s) => s.id);
    expect(hidden).not.toContain(matching.id);
    expect(hidden).toContain(partWord.id);

    await alice.rest.v2.filters.$select(filter.id).remove();
    expect(await alice.rest.v2.filters.list()).toEqual([]);
    const back = await alice.rest.v1.timelines.home.list();
    expect(back.find((s) => s.id === matching.id)?.filtered ?? []).toEqual([]);
  });

  it('schedules posts: lists, moves and cancels them, and one is published on time', async () => {
    const { alice, carol } = people;
    const at = (ms: number) => new Date(env.clock.now().getTime() + ms).toISOString();
    const morning = await alice.rest.v1.statuses.create({
      status: 'Journal club at 8: bring the PARAMEDIC2 paper',
      visibility: 'public',
      scheduledAt: at(10 * MINUTE_MS),
    });
    expectMatchesSchema('ScheduledStatus', lastBody('POST', /^\/api\/v1\/statuses$/));
    expect(morning.params.text).toBe('Journal club at 8: bring the PARAMEDIC2 paper');
    expect(morning.scheduledAt).toBe(at(10 * MINUTE_MS));
    const evening = await alice.rest.v1.statuses.create({
      status: 'Sign-out reminder: update the handover sheet',
      scheduledAt: at(5 * HOUR_MS),
    });
    const cancelled = await alice.rest.v1.statuses.create({
      status: 'Changed my mind about this one',
      scheduledAt: at(6 * HOUR_MS),
    });

    const tooSoon = await refusal(
      alice.rest.v1.statuses.create({ status: 'Too soon', scheduledAt: at(MINUTE_MS) }),
    );
    expect(tooSoon.status).toBe(422);
    expect(tooSoon.error).toMatch(/scheduled_at.*5 minutes/);

    const scheduled = await alice.rest.v1.scheduledStatuses.list();
    for (const s of lastBody('GET', /^\/api\/v1\/scheduled_statuses$/) as unknown[])
      expectMatchesSchema('ScheduledStatus', s);
    expect(scheduled.map((s) => s.id).sort()).toEqual([morning.id, evening.id, cancelled.id].sort());
    // Others cannot see them.
    expect((await refusal(carol.rest.v1.scheduledStatuses.$select(morning.id).fetch())).status).toBe(404);

    const moved = await alice.rest.v1.scheduledStatuses
      .$select(evening.id)
      .update({ scheduledAt: at(8 * HOUR_MS) });
    expectMatchesSchema('ScheduledStatus', lastBody('PUT', /^\/api\/v1\/scheduled_statuses\/\d+$/));
    expect(moved.scheduledAt).toBe(at(8 * HOUR_MS));
    expect((await alice.rest.v1.scheduledStatuses.$select(evening.id).fetch()).scheduledAt).toBe(
      moved.scheduledAt,
    );
    await alice.rest.v1.scheduledStatuses.$select(cancelled.id).remove();
    expect((await refusal(alice.rest.v1.scheduledStatuses.$select(cancelled.id).fetch())).status).toBe(404);

    env.clock.set(new Date(new Date(morning.scheduledAt).getTime() + MINUTE_MS));
    expect(await publishDueStatuses(env.ctx)).toEqual({ published: 1, failed: 0 });
    await env.ctx.events.idle();
    const left = await alice.rest.v1.scheduledStatuses.list();
    expect(left.map((s) => s.id)).toEqual([evening.id]);
    const publicTimeline = await carol.rest.v1.timelines.public.list({ local: true });
    const published = publicTimeline.find((s) => s.content.includes('PARAMEDIC2'));
    expect(published?.account.id).toBe(alice.id);
    expect(published?.visibility).toBe('public');
  });

  it('reads trending tags, the instance pages and preferences', async () => {
    const { alice, bob, carol } = people;
    for (const who of [alice, bob, carol]) {
      await who.rest.v1.statuses.create({ status: 'Gloves off, wash up #HandHygiene' });
    }
    const tags = await alice.rest.v1.trends.tags.list();
    for (const t of lastBody('GET', /^\/api\/v1\/trends\/tags$/) as unknown[]) expectMatchesSchema('Tag', t);
    const trending = tags.find((t) => t.name.toLowerCase() === 'handhygiene');
    expect(trending).toBeDefined();
    expect(trending?.history?.[0]?.accounts).toBe('3');

    const v2 = await alice.rest.v2.instance.fetch();
    expectMatchesSchema('Instance', lastBody('GET', /^\/api\/v2\/instance$/));
    expect(v2.configuration.polls.maxOptions).toBe(4);
    expect(v2.rules.length).toBeGreaterThan(0);
    expect(v2.usage.users.activeMonth).toBe(4);

    const v1 = await alice.rest.v1.instance.fetch();
    expectMatchesSchema('V1Instance', lastBody('GET', /^\/api\/v1\/instance$/));
    expect(v1.stats.userCount).toBe(4);
    expect(v1.rules?.map((r) => r.id)).toEqual(v2.rules.map((r) => r.id));

    const activity = await alice.rest.v1.instance.activity.list();
    // Mastodon sends every figure as a string (the path's inline schema).
    for (const week of lastBody('GET', /^\/api\/v1\/instance\/activity$/) as Record<string, unknown>[])
      for (const key of ['week', 'statuses', 'logins', 'registrations'])
        expect(typeof week[key]).toBe('string');
    expect(activity.length).toBeGreaterThan(0);
    const rules = await alice.rest.v1.instance.rules.list();
    for (const rule of lastBody('GET', /^\/api\/v1\/instance\/rules$/) as unknown[])
      expectMatchesSchema('Rule', rule);
    expect(rules).toEqual(v2.rules);
    const thisWeek = activity[0]!;
    expect(Number(thisWeek.registrations)).toBe(4);
    expect(Number(thisWeek.statuses)).toBeGreaterThan(0);
    expect(await alice.rest.v1.instance.peers.list()).toEqual([]);

    const prefs = await alice.rest.v1.preferences.fetch();
    expectMatchesSchema('Preferences', lastBody('GET', /^\/api\/v1\/preferences$/));
    expect(prefs['posting:default:visibility']).toBe('public');
    expect(prefs['reading:expand:spoilers']).toBe(false);
    expect(prefs['reading:autoplay:gifs']).toBe(false);
  });
});
