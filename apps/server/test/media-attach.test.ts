import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateId } from '../src/db/ids.ts';
import { mediaAttachments, statuses } from '../src/db/schema/index.ts';
import { ValidationError } from '../src/domain/errors.ts';
import {
  attachMediaToStatus,
  detachMediaFromStatus,
  listMediaForStatuses,
} from '../src/domain/media/index.ts';
import { cleanupUnattachedMedia } from '../src/jobs/cleanup-media.ts';
import { renderMediaAttachment } from '../src/mastodon/entities/media-attachment.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { fetchBytes, mp4, png, storedFiles, upload } from './media-fixtures.ts';
import { expectMatchesSchema } from './openapi.ts';

const HOUR = 60 * 60 * 1000;

/** A bare status row: these tests exercise the media side of posting, not the statuses code. */
async function insertStatus(env: TestEnv, accountId: string): Promise<string> {
  const id = generateId(env.clock.now().getTime());
  await env.ctx.db
    .insert(statuses)
    .values({ id, accountId, visibility: 'public', createdAt: env.clock.now() });
  return id;
}

async function uploadIds(env: TestEnv, who: Persona, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await upload(env, who.token, await png(20 + i, 20))).body.id);
  return ids;
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).details).toMatchObject({ field: 'media_ids' });
  return error as ValidationError;
}

describe('attaching media to a status (for the statuses code)', () => {
  let env: TestEnv;
  let alice: Persona;
  let bob: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
  });

  it('attaches up to four in the given order and lists them per status in one call', async () => {
    const ids = await uploadIds(env, alice, 4);
    const status = await insertStatus(env, alice.account.id);
    const order = [ids[2]!, ids[0]!, ids[3]!, ids[1]!];
    const attached = await env.ctx.db.transaction((tx) =>
      attachMediaToStatus(tx, alice.account.id, status, order),
    );
    expect(attached.map((r) => [r.id, r.position])).toEqual(order.map((id, i) => [id, i]));
    const other = await insertStatus(env, alice.account.id);
    const byStatus = await listMediaForStatuses(env.ctx.db, [status, other, 'junk']);
    expect(byStatus.get(status)?.map((r) => r.id)).toEqual(order);
    expect(byStatus.has(other)).toBe(false);
    for (const row of byStatus.get(status)!)
      expectMatchesSchema('MediaAttachment', renderMediaAttachment(env.ctx.storage, row));
    expect(await listMediaForStatuses(env.ctx.db, [])).toEqual(new Map());
  });

  it('refuses more than four, naming media_ids', async () => {
    const ids = await uploadIds(env, alice, 5);
    const status = await insertStatus(env, alice.account.id);
    const error = await refusal(attachMediaToStatus(env.ctx.db, alice.account.id, status, ids));
    expect(error.message).toMatch(/^media_ids: a post can have at most 4 attachments; 5 were given/);
  });

  it("refuses someone else's upload, unknown ids, and media already on another post", async () => {
    const [bobs] = await uploadIds(env, bob, 1);
    const status = await insertStatus(env, alice.account.id);
    expect(
      (await refusal(attachMediaToStatus(env.ctx.db, alice.account.id, status, [bobs!]))).message,
    ).toMatch(/not found among your uploads/);
    expect(
      (await refusal(attachMediaToStatus(env.ctx.db, alice.account.id, status, ['12345']))).message,
    ).toMatch(/not found/);
    expect(
      (await refusal(attachMediaToStatus(env.ctx.db, alice.account.id, status, ['x; drop table']))).message,
    ).toMatch(/not a media id/);
    const [mine] = await uploadIds(env, alice, 1);
    await attachMediaToStatus(env.ctx.db, alice.account.id, status, [mine!]);
    const second = await insertStatus(env, alice.account.id);
    expect(
      (await refusal(attachMediaToStatus(env.ctx.db, alice.account.id, second, [mine!]))).message,
    ).toMatch(/already attached to another post/);
  });

  it('refuses media still processing, and a video together with images', async () => {
    const [processing, image] = await uploadIds(env, alice, 2);
    await env.ctx.db
      .update(mediaAttachments)
      .set({ state: 'processing' })
      .where(eq(mediaAttachments.id, processing!));
    const status = await insertStatus(env, alice.account.id);
    expect(
      (await refusal(attachMediaToStatus(env.ctx.db, alice.account.id, status, [processing!]))).message,
    ).toMatch(/still being processed/);
    const video = (await upload(env, alice.token, mp4('video'))).body.id;
    expect(
      (await refusal(attachMediaToStatus(env.ctx.db, alice.account.id, status, [image!, video]))).message,
    ).toMatch(/only attachment/);
  });

  it('rolls back with the caller’s transaction', async () => {
    const [id] = await uploadIds(env, alice, 1);
    const status = await insertStatus(env, alice.account.id);
    await expect(
      env.ctx.db.transaction(async (tx) => {
        await attachMediaToStatus(tx, alice.account.id, status, [id!]);
        throw new Error('posting failed later');
      }),
    ).rejects.toThrow('posting failed later');
    const [row] = await env.ctx.db.select().from(mediaAttachments).where(eq(mediaAttachments.id, id!));
    expect(row!.statusId).toBeNull();
  });

  it('on an edit, keeps listed media, updates their alt text, and detaches the rest', async () => {
    const [a, b, c] = await uploadIds(env, alice, 3);
    const status = await insertStatus(env, alice.account.id);
    await attachMediaToStatus(env.ctx.db, alice.account.id, status, [a!, b!]);
    const edited = await attachMediaToStatus(
      env.ctx.db,
      alice.account.id,
      status,
      [c!, a!],
      [{ id: a!, description: 'Fundus photo, papilloedema', focus: '0.5,0.5' }],
    );
    expect(edited.map((r) => r.id)).toEqual([c, a]);
    expect(edited[1]).toMatchObject({ description: 'Fundus photo, papilloedema', focusX: 0.5, focusY: 0.5 });
    const [detached] = await env.ctx.db.select().from(mediaAttachments).where(eq(mediaAttachments.id, b!));
    expect(detached!.statusId).toBeNull();
    await expect(
      attachMediaToStatus(
        env.ctx.db,
        alice.account.id,
        status,
        [a!],
        [{ id: a!, description: 'x'.repeat(1501) }],
      ),
    ).rejects.toThrow(/^description:/);
    const [untouched] = await env.ctx.db.select().from(mediaAttachments).where(eq(mediaAttachments.id, c!));
    expect(untouched!.statusId).toBe(status);
  });

  it('detaches media of a deleted status and gives them a fresh day for "delete and redraft"', async () => {
    const [a, b] = await uploadIds(env, alice, 2);
    const status = await insertStatus(env, alice.account.id);
    await attachMediaToStatus(env.ctx.db, alice.account.id, status, [b!, a!]);
    env.clock.advance(30 * HOUR);
    const detached = await env.ctx.db.transaction(async (tx) => {
      const rows = await detachMediaFromStatus(tx, status, env.clock.now());
      await tx.delete(statuses).where(eq(statuses.id, status));
      return rows;
    });
    expect(detached.map((r) => r.id)).toEqual([b, a]);
    await cleanupUnattachedMedia(env.ctx);
    const redraft = await insertStatus(env, alice.account.id);
    const again = await attachMediaToStatus(env.ctx.db, alice.account.id, redraft, [b!, a!]);
    expect(again).toHaveLength(2);
  });

  it('protects attached media from PUT and DELETE of the media API', async () => {
    const [id] = await uploadIds(env, alice, 1);
    await attachMediaToStatus(env.ctx.db, alice.account.id, await insertStatus(env, alice.account.id), [id!]);
    const put = await call(env, 'PUT', `/api/v1/media/${id}`, {
      token: alice.token,
      body: { description: 'late' },
    });
    expect(put.status).toBe(422);
    expect(put.body.error).toMatch(/edit the post/);
    const del = await call(env, 'DELETE', `/api/v1/media/${id}`, { token: alice.token });
    expect(del.status).toBe(422);
    expect((await call(env, 'GET', `/api/v1/media/${id}`, { token: alice.token })).status).toBe(200);
  });
});

describe('cleaning up unattached media', () => {
  it('deletes rows and files of uploads left unattached for over a day, and nothing else', async () => {
    const env = await createTestEnv();
    const dan = await createPersona(env, 'dan');
    const attached = (await upload(env, dan.token, await png())).body;
    const forgotten = (await upload(env, dan.token, await png())).body;
    await attachMediaToStatus(env.ctx.db, dan.account.id, await insertStatus(env, dan.account.id), [
      attached.id,
    ]);
    env.clock.advance(20 * HOUR);
    const recent = (await upload(env, dan.token, await png())).body;
    expect(storedFiles(env)).toHaveLength(6);

    env.clock.advance(3 * HOUR); // 23 h after the first uploads
    expect(await cleanupUnattachedMedia(env.ctx)).toBe(0);

    env.clock.advance(2 * HOUR); // 25 h
    expect(await cleanupUnattachedMedia(env.ctx)).toBe(1);
    expect((await call(env, 'GET', `/api/v1/media/${forgotten.id}`, { token: dan.token })).status).toBe(404);
    expect((await fetchBytes(env, forgotten.url)).status).toBe(404);
    expect((await fetchBytes(env, attached.url)).status).toBe(200);
    expect((await fetchBytes(env, recent.url)).status).toBe(200);
    expect(storedFiles(env)).toHaveLength(4);

    env.clock.advance(24 * HOUR);
    expect(await cleanupUnattachedMedia(env.ctx)).toBe(1);
    expect(storedFiles(env)).toHaveLength(2);
  });
});
