import type { mastodon } from 'masto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { listen } from '../listen.ts';
import { signUpWithMasto } from './masto-sign-up.ts';

/**
 * An independent Mastodon client library (masto 7.12) drives a real listening server through the
 * whole daily loop: sign-up, follow, a thread, reply, quote, reblog, favourite, bookmark, timelines
 * with pagination, edit, delete.
 */
describe('masto client against a listening Rounds server', () => {
  let env: TestEnv;
  let url: string;
  let alice: mastodon.rest.Client;
  let bob: mastodon.rest.Client;
  let aliceId: string;
  let bobId: string;

  async function signUp(username: string): Promise<mastodon.rest.Client> {
    return (await signUpWithMasto(url, username, 'masto test')).rest;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    url = await listen(env);
    env.config.publicUrl = url;
    alice = await signUp('alice');
    bob = await signUp('bob');
    aliceId = (await alice.v1.accounts.verifyCredentials()).id;
    bobId = (await bob.v1.accounts.verifyCredentials()).id;
  });

  it('runs the daily loop', async () => {
    const rel = await alice.v1.accounts.$select(bobId).follow();
    expect(rel.following).toBe(true);

    // bob writes a 3-part teaching thread with a hashtag
    const part1 = await bob.v1.statuses.create({
      status: '1/3 Lung ultrasound basics #POCUS: the A-lines',
      visibility: 'public',
    });
    const part2 = await bob.v1.statuses.create({
      status: '2/3 B-lines: three or more per space suggests interstitial fluid #POCUS',
      inReplyToId: part1.id,
    });
    const part3 = await bob.v1.statuses.create({
      status: '3/3 Lung sliding rules out pneumothorax at that point #POCUS',
      inReplyToId: part2.id,
    });
    expect(part1.tags.map((t) => t.name.toLowerCase())).toContain('pocus');
    expect(part3.inReplyToId).toBe(part2.id);

    const context = await bob.v1.statuses.$select(part2.id).context.fetch();
    expect(context.ancestors.map((s) => s.id)).toEqual([part1.id]);
    expect(context.descendants.map((s) => s.id)).toEqual([part3.id]);

    // alice replies, quotes, reblogs, favourites, bookmarks
    const reply = await alice.v1.statuses.create({
      status: '@bob does this hold in COPD?',
      inReplyToId: part3.id,
    });
    expect(reply.mentions.map((m) => m.acct)).toContain('bob');
    const quote = await alice.v1.statuses.create({
      status: 'Great thread for interns',
      quotedStatusId: part1.id,
    });
    expect(quote.quote?.state).toBe('accepted');
    const reblog = await alice.v1.statuses.$select(part1.id).reblog();
    expect(reblog.reblog?.id).toBe(part1.id);
    const fav = await alice.v1.statuses.$select(part2.id).favourite();
    expect(fav.favourited).toBe(true);
    expect(fav.favouritesCount).toBe(1);
    const bm = await alice.v1.statuses.$select(part3.id).bookmark();
    expect(bm.bookmarked).toBe(true);
    const bookmarks = await alice.v1.bookmarks.list();
    expect(bookmarks.map((s) => s.id)).toEqual([part3.id]);

    // home timeline, paginated two at a time, sees every item once, newest first
    const seen: string[] = [];
    for await (const page of alice.v1.timelines.home.list({ limit: 2 })) {
      seen.push(...page.map((s) => s.id));
      if (seen.length > 50) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1)));
    for (const id of [part2.id, part3.id, reply.id, quote.id, reblog.id]) expect(seen).toContain(id);

    const tag: string[] = [];
    for await (const page of alice.v1.timelines.tag.$select('pocus').list({ limit: 2 }))
      tag.push(...page.map((s) => s.id));
    expect(tag).toEqual([part3.id, part2.id, part1.id]);

    // bob edits, then deletes
    const edited = await bob.v1.statuses
      .$select(part3.id)
      .update({ status: '3/3 Lung sliding rules out pneumothorax under the probe #POCUS' });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.content).toContain('under the probe');
    const history = await bob.v1.statuses.$select(part3.id).history.list();
    expect(history).toHaveLength(2);

    const deleted = await bob.v1.statuses.$select(part3.id).remove();
    expect(deleted.text).toContain('under the probe');
    await expect(alice.v1.statuses.$select(part3.id).fetch()).rejects.toMatchObject({ status: 404 });

    const profile = await alice.v1.accounts.$select(aliceId).fetch();
    expect(profile.followingCount).toBe(1);
    expect(profile.statusesCount).toBeGreaterThanOrEqual(3);
    const followers = await bob.v1.accounts.$select(bobId).followers.list();
    expect(followers.map((a) => a.id)).toEqual([aliceId]);
  });

  it('posts a phone photo with alt text; the served file carries no GPS or camera serial', async () => {
    const { default: exifr } = await import('exifr');
    const { jpegWithEverything } = await import('../media-fixtures.ts');
    const bytes = await jpegWithEverything();
    // The fixture really is a phone photo: GPS and the camera's serial number are in its EXIF.
    const original = await exifr.parse(bytes, { gps: true });
    expect(original.latitude).toBeCloseTo(40.446, 2);
    expect(original.SerialNumber).toBe('SN-0042-CAMERA');

    const media = await alice.v2.media.create({
      file: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
      description: 'Bedside ultrasound, subxiphoid view',
    });
    expect(media.type).toBe('image');
    expect(media.description).toBe('Bedside ultrasound, subxiphoid view');
    const status = await alice.v1.statuses.create({ status: 'Pericardial effusion?', mediaIds: [media.id] });
    expect(status.mediaAttachments.map((m) => m.id)).toEqual([media.id]);

    const seen = await bob.v1.statuses.$select(status.id).fetch();
    const [attachment] = seen.mediaAttachments;
    expect(attachment?.description).toBe('Bedside ultrasound, subxiphoid view');
    expect(attachment?.blurhash).toBeTruthy();
    const edited = await alice.v1.statuses.$select(status.id).update({
      status: 'Pericardial effusion? Subxiphoid view.',
      mediaIds: [media.id],
      mediaAttributes: [{ id: media.id, description: 'Subxiphoid view: effusion, no tamponade' }],
    });
    expect(edited.mediaAttachments[0]?.description).toBe('Subxiphoid view: effusion, no tamponade');

    // NOTE: the media store's URLs were fixed before the port was known; the path is what is served.
    for (const served of [attachment!.url!, attachment!.previewUrl!]) {
      const res = await fetch(new URL(new URL(served).pathname, url));
      expect(res.status, served).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\//);
      const file = Buffer.from(await res.arrayBuffer());
      const meta = (await exifr.parse(file, { tiff: true, exif: true, gps: true, xmp: true })) ?? {};
      expect(meta.latitude).toBeUndefined();
      expect(meta.GPSLatitude).toBeUndefined();
      expect(meta.SerialNumber).toBeUndefined();
      expect(meta.BodySerialNumber).toBeUndefined();
      expect(await exifr.gps(file).catch(() => undefined)).toBeUndefined();
      expect(file.includes(Buffer.from('SN-0042-CAMERA'))).toBe(false);
    }
  });
});
