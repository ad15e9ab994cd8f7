import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accounts, mediaAttachments } from '../src/db/schema/index.ts';
import { SUPPORTED_MIME_TYPES } from '../src/domain/media/index.ts';
import { hydrateStatuses } from '../src/domain/statuses/index.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { fetchBytes, jpegWithEverything, png, upload } from './media-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';
import { post } from './statuses-fixtures.ts';

/** Uploads `count` small PNGs (distinct sizes) as `who`, each with alt text; returns their ids. */
async function uploads(
  env: TestEnv,
  who: Persona,
  count: number,
  alt = 'Ultrasound still',
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await upload(env, who.token, await png(24 + i, 16), {
      type: 'image/png',
      filename: `scan-${i}.png`,
      description: `${alt} ${i + 1}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(res.body.id);
  }
  return ids;
}

async function mediaRow(env: TestEnv, id: string) {
  const [row] = await env.ctx.db.select().from(mediaAttachments).where(eq(mediaAttachments.id, id));
  return row!;
}

async function statusesCount(env: TestEnv, who: Persona): Promise<number> {
  const [row] = await env.ctx.db.select().from(accounts).where(eq(accounts.id, who.account.id));
  return row!.statusesCount;
}

/** A form-encoded request with repeated keys, as Rails-style clients send `a[]=1&a[]=2`. */
async function formRequest(
  env: TestEnv,
  method: string,
  path: string,
  token: string,
  pairs: Array<[string, string]>,
) {
  const res = await env.app.request(`https://rounds.test${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(pairs).toString(),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('statuses with media attachments', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('posts uploads with their alt text, in order, and shows them wherever the status appears', async () => {
    const photo = await upload(env, alice.token, await jpegWithEverything(), {
      type: 'image/jpeg',
      filename: 'IMG_0001.jpg',
      description: 'Chest X-ray, PA view',
      focus: '0.25,-0.5',
    });
    expect(photo.status).toBe(200);
    const [scan] = await uploads(env, alice, 1);
    const status = await post(env, alice, {
      status: 'Spot the pneumothorax #radiology',
      media_ids: [scan, photo.body.id],
    });
    expectMatchesSchema('Status', status);
    expect(status.media_attachments.map((m: { id: string }) => m.id)).toEqual([scan, photo.body.id]);
    const xray = status.media_attachments[1];
    expect(xray).toMatchObject({
      id: photo.body.id,
      type: 'image',
      description: 'Chest X-ray, PA view',
      remote_url: null,
      meta: { original: { width: 96, height: 64 }, focus: { x: 0.25, y: -0.5 } },
    });
    expect(xray.url).toMatch(/^https:\/\/rounds\.test\/media\/.+\/original\.jpg$/);
    expect(xray.preview_url).toMatch(/^https:\/\/rounds\.test\/media\/.+/);
    expect(xray.blurhash).toMatch(/^[0-9A-Za-z#$%*+,-.:;=?@[\]^_{|}~]{20,}$/);
    expect((await fetchBytes(env, xray.url)).status).toBe(200);
    expect((await fetchBytes(env, xray.preview_url)).status).toBe(200);

    // The same media on a fetch, in a reblog, in a quote and on the author's timeline.
    const fetched = await call(env, 'GET', `/api/v1/statuses/${status.id}`, { token: bob.token });
    expect(fetched.body.media_attachments).toEqual(status.media_attachments);
    const reblog = await call(env, 'POST', `/api/v1/statuses/${status.id}/reblog`, { token: bob.token });
    expectMatchesSchema('Status', reblog.body);
    expect(reblog.body.media_attachments).toEqual([]);
    expect(reblog.body.reblog.media_attachments).toEqual(status.media_attachments);
    const quote = await post(env, bob, { status: 'Great teaching case', quoted_status_id: status.id });
    expectMatchesSchema('Status', quote);
    expect(quote.quote.quoted_status.media_attachments).toEqual(status.media_attachments);
    const mine = await call(env, 'GET', `/api/v1/accounts/${alice.account.id}/statuses`, {
      token: bob.token,
    });
    expect(mine.body[0].media_attachments).toEqual(status.media_attachments);
  });

  it('refuses a fifth attachment with 422 naming media_ids, and stores nothing', async () => {
    const ids = await uploads(env, alice, 5);
    const before = await statusesCount(env, alice);
    const res = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'Five views of the same knee', media_ids: ids },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^media_ids: a post can have at most 4 attachments/);
    expect(res.body.details.field).toBe('media_ids');
    expect(await statusesCount(env, alice)).toBe(before);
    for (const id of ids) expect((await mediaRow(env, id)).statusId).toBeNull();
    // The same uploads, four of them, post fine afterwards.
    const ok = await post(env, alice, { status: 'Four views of the same knee', media_ids: ids.slice(0, 4) });
    expect(ok.media_attachments).toHaveLength(4);
  });

  it("refuses someone else's upload and media already on another post", async () => {
    const [bobs] = await uploads(env, bob, 1);
    const theirs = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'Borrowing this', media_ids: [bobs] },
    });
    expect(theirs.status).toBe(422);
    expect(theirs.body.details.field).toBe('media_ids');
    expect(theirs.body.error).toContain(bobs);
    expect((await mediaRow(env, bobs!)).statusId).toBeNull();

    const [once] = await uploads(env, alice, 1);
    await post(env, alice, { status: 'First use', media_ids: [once] });
    const twice = await call(env, 'POST', '/api/v1/statuses', {
      token: alice.token,
      body: { status: 'Second use', media_ids: [once] },
    });
    expect(twice.status).toBe(422);
    expect(twice.body.error).toContain('already attached to another post');
  });

  it('accepts a post of media alone, but not a post of nothing', async () => {
    const [id] = await uploads(env, alice, 1);
    const status = await post(env, alice, { status: '', media_ids: [id] });
    expectMatchesSchema('Status', status);
    expect(status.content).toBe('');
    expect(status.media_attachments).toHaveLength(1);
    const alone = await post(env, alice, { media_ids: (await uploads(env, alice, 1)) as string[] });
    expect(alone.media_attachments).toHaveLength(1);

    for (const body of [{ status: '' }, { status: '', media_ids: [] }, { status: '  ' }]) {
      const res = await call(env, 'POST', '/api/v1/statuses', { token: alice.token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error).toBe("status: can't be blank");
    }
  });

  it('takes media_ids[] from form-encoded and multipart bodies', async () => {
    const ids = await uploads(env, alice, 2);
    const form = await formRequest(env, 'POST', '/api/v1/statuses', alice.token, [
      ['status', 'Sent as a form'],
      ['media_ids[]', ids[1]!],
      ['media_ids[]', ids[0]!],
    ]);
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    expect(form.body.media_attachments.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[0]]);

    const [more] = await uploads(env, alice, 1);
    const body = new FormData();
    body.append('status', 'Sent as multipart');
    body.append('media_ids[]', more!);
    const res = await env.app.request('https://rounds.test/api/v1/statuses', {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}` },
      body,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { media_attachments: unknown[] }).media_attachments).toHaveLength(1);
  });

  it('replaces the media on edit, changes alt text, and records each change as a version', async () => {
    const [a, b, c] = await uploads(env, alice, 3);
    const status = await post(env, alice, { status: 'Before and after reduction', media_ids: [a, b] });

    const edited = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: {
        status: 'Before and after reduction',
        media_ids: [b, c],
        media_attributes: [{ id: b, description: 'Lateral view after reduction', focus: '0.5,0.5' }],
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expectMatchesSchema('Status', edited.body);
    expect(edited.body.edited_at).not.toBeNull();
    expect(edited.body.media_attachments.map((m: { id: string }) => m.id)).toEqual([b, c]);
    expect(edited.body.media_attachments[0]).toMatchObject({
      description: 'Lateral view after reduction',
      meta: { focus: { x: 0.5, y: 0.5 } },
    });
    expect((await mediaRow(env, a!)).statusId).toBeNull();
    expect((await call(env, 'GET', `/api/v1/media/${b}`, { token: alice.token })).body.description).toBe(
      'Lateral view after reduction',
    );

    // Only an alt text change, sent Rails-style in a form: still a new version.
    const form = await formRequest(env, 'PUT', `/api/v1/statuses/${status.id}`, alice.token, [
      ['media_attributes[][id]', c!],
      ['media_attributes[][description]', 'AP view after reduction'],
    ]);
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    expect(
      form.body.media_attachments.map((m: { id: string; description: string }) => [m.id, m.description]),
    ).toEqual([
      [b, 'Lateral view after reduction'],
      [c, 'AP view after reduction'],
    ]);
    // The hash form (media_attributes[0][id]) works too.
    const hash = await formRequest(env, 'PUT', `/api/v1/statuses/${status.id}`, alice.token, [
      ['media_attributes[0][id]', b!],
      ['media_attributes[0][description]', 'Lateral view, reduced'],
    ]);
    expect(hash.body.media_attachments[0].description).toBe('Lateral view, reduced');

    const history = await call(env, 'GET', `/api/v1/statuses/${status.id}/history`, { token: bob.token });
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(4);
    for (const version of history.body) {
      expectMatchesSchema('StatusEdit', version);
      expect(version.media_attachments.map((m: { id: string }) => m.id)).toEqual([b, c]);
    }

    // An edit that leaves media_ids out keeps the media; one that changes nothing adds no version.
    const same = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { status: 'Before and after reduction' },
    });
    expect(same.body.media_attachments.map((m: { id: string }) => m.id)).toEqual([b, c]);
    const after = await call(env, 'GET', `/api/v1/statuses/${status.id}/history`, { token: bob.token });
    expect(after.body).toHaveLength(4);
  });

  it('refuses edits that would leave nothing, or name media of someone else', async () => {
    const [a] = await uploads(env, alice, 1);
    const status = await post(env, alice, { status: '', media_ids: [a] });
    const empty = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { media_ids: [] },
    });
    expect(empty.status).toBe(422);
    expect(empty.body.error).toBe("status: can't be blank");

    const [bobs] = await uploads(env, bob, 1);
    const theirs = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { media_ids: [a, bobs] },
    });
    expect(theirs.status).toBe(422);
    expect(theirs.body.details.field).toBe('media_ids');
    const stray = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { media_attributes: [{ id: bobs, description: 'not mine' }] },
    });
    expect(stray.status).toBe(422);
    expect(stray.body.details.field).toBe('media_attributes');
    expect((await mediaRow(env, bobs!)).description).toBe('Ultrasound still 1');

    const text = await call(env, 'PUT', `/api/v1/statuses/${status.id}`, {
      token: alice.token,
      body: { status: 'Now with words, without the picture', media_ids: [] },
    });
    expect(text.status).toBe(200);
    expect(text.body.media_attachments).toEqual([]);
    expect((await mediaRow(env, a!)).statusId).toBeNull();
  });

  it('returns the media on delete, so delete-and-redraft can post them again', async () => {
    const ids = await uploads(env, alice, 2);
    const status = await post(env, alice, { status: 'Typo in the caption', media_ids: ids });
    env.clock.advance(23 * 60 * 60 * 1000);
    const deleted = await call(env, 'DELETE', `/api/v1/statuses/${status.id}`, { token: alice.token });
    expect(deleted.status).toBe(200);
    expectMatchesSchema('Status', deleted.body);
    expect(deleted.body.text).toBe('Typo in the caption');
    expect(deleted.body.media_attachments.map((m: { id: string }) => m.id)).toEqual(ids);
    for (const id of ids) {
      const row = await mediaRow(env, id);
      expect(row.statusId).toBeNull();
      // The one-day clock restarts at the delete.
      expect(row.createdAt.getTime()).toBe(env.clock.now().getTime());
    }
    const redraft = await post(env, alice, { status: 'No typo in the caption', media_ids: ids });
    expect(redraft.media_attachments.map((m: { id: string }) => m.id)).toEqual(ids);
    expect(redraft.media_attachments[0].description).toBe('Ultrasound still 1');
  });

  it('filters timelines with only_media', async () => {
    const [id] = await uploads(env, bob, 1);
    const text = await post(env, bob, { status: 'Words only #imaging' });
    const media = await post(env, bob, { status: 'A picture #imaging', media_ids: [id] });
    const reblog = await call(env, 'POST', `/api/v1/statuses/${media.id}/reblog`, { token: alice.token });
    const paths = [
      '/api/v1/timelines/public?only_media=true',
      '/api/v1/timelines/public?local=true&only_media=1',
      '/api/v1/timelines/tag/imaging?only_media=true',
      `/api/v1/accounts/${bob.account.id}/statuses?only_media=true`,
    ];
    for (const path of paths) {
      const res = await call(env, 'GET', path, { token: alice.token });
      expect(res.status, path).toBe(200);
      const ids = res.body.map((s: { id: string }) => s.id);
      expect(ids, path).toContain(media.id);
      expect(ids, path).not.toContain(text.id);
      expect(ids, path).not.toContain(reblog.body.id);
      for (const s of res.body) expect(s.media_attachments.length, path).toBeGreaterThan(0);
    }
    const all = await call(env, 'GET', '/api/v1/timelines/tag/imaging', { token: alice.token });
    expect(all.body.map((s: { id: string }) => s.id)).toEqual([media.id, text.id]);
  });

  it('loads the media of a whole page in one query, however many statuses carry media', async () => {
    const pglite = (env.handle as unknown as { pglite?: { query: (...a: unknown[]) => unknown } }).pglite;
    if (!pglite) return; // Counting hooks into PGlite; the PostgreSQL run covers behaviour only.
    const page = async (n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const [id] = await uploads(env, bob, 1);
        const s = await post(env, bob, { status: `Case ${i}`, media_ids: [id] });
        const quote = await post(env, alice, { status: `Quoting case ${i}`, quoted_status_id: s.id });
        const rb = await call(env, 'POST', `/api/v1/statuses/${s.id}/reblog`, { token: alice.token });
        out.push(s.id, quote.id, rb.body.id);
      }
      return out;
    };
    const small = await page(1);
    const large = await page(8);
    // Warm up first: statements prepared on first use must not count against either page.
    await hydrateStatuses(env.ctx, [...small, ...large], alice.account.id);
    const original = pglite.query;
    let n = 0;
    pglite.query = (...args: unknown[]) => {
      n++;
      return (original as (...a: unknown[]) => unknown).apply(pglite, args);
    };
    let counts: [number, number] = [0, 0];
    let hydrated: Awaited<ReturnType<typeof hydrateStatuses>>;
    try {
      await hydrateStatuses(env.ctx, small, alice.account.id);
      const one = n;
      n = 0;
      hydrated = await hydrateStatuses(env.ctx, large, alice.account.id);
      counts = [one, n];
    } finally {
      pglite.query = original;
    }
    // Eight times the statuses (each with media, a quote and a reblog), no more queries.
    expect(counts[1]).toBeLessThanOrEqual(counts[0]);
    expect(hydrated).toHaveLength(24);
    for (const h of hydrated) {
      const shown = h.reblog ?? h.quote?.status ?? h;
      expect(shown.media).toHaveLength(1);
    }
  });

  it('advertises the accepted media types and limits in /api/v1/instance and /api/v2/instance', async () => {
    const v2 = await call(env, 'GET', '/api/v2/instance');
    expect(v2.status).toBe(200);
    const media = v2.body.configuration.media_attachments;
    expect(media.supported_mime_types).toEqual([...SUPPORTED_MIME_TYPES]);
    expect(media.supported_mime_types).toEqual(expect.arrayContaining(['image/jpeg', 'video/mp4']));
    expect(media).toMatchObject({ image_size_limit: 16 * 1024 * 1024, video_size_limit: 100 * 1024 * 1024 });
    expect(v2.body.configuration.statuses.max_media_attachments).toBe(4);
    const v1 = await call(env, 'GET', '/api/v1/instance');
    expect(v1.body.configuration.media_attachments.supported_mime_types).toEqual([...SUPPORTED_MIME_TYPES]);
  });
});
