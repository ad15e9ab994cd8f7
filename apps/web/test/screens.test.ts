import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageFromConfig } from '../../server/src/storage/index.ts';
import { createPersona, createTestEnv, type Persona, type TestEnv } from '../../server/test/harness.ts';
import { listen } from '../../server/test/listen.ts';
import { png } from '../../server/test/media-fixtures.ts';
import { auditScreen, ensureWebBuild, launchChromium } from './browser.ts';

/** The home timeline's time stamp is read in the reader's time zone: Kolkata is UTC+5:30. */
const ENGLISH_ZONE = 'Asia/Kolkata';
const ARABIC_ZONE = 'Africa/Cairo';

/**
 * The screens around the timeline, as people use them in Chromium against a real server: the public
 * timelines, search, bookmarks, lists, followers, profile editing and preferences; quiet hours, data
 * saver and offline reading; in English and Arabic with axe-core and screenshots at 360 and 1280 px.
 */
describe('the web client’s other screens', { timeout: 120_000 }, () => {
  let env: TestEnv;
  let url: string;
  let browser: Browser;
  let english: BrowserContext;
  let arabic: BrowserContext;
  let alice: Persona;
  let bob: Persona;
  let carol: Persona;
  let dan: Persona;
  let page: Page;
  let badr: Page;
  let bookmarkedId: string;
  let imagePostId: string;

  async function api<T>(persona: Persona, method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${persona.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return (await res.json()) as T;
  }

  function post(persona: Persona, status: string, extra: Record<string, unknown> = {}) {
    return api<{ id: string }>(persona, 'POST', '/api/v1/statuses', { status, ...extra });
  }

  /** Signs a page in with a persona's token, as the OAuth callback would leave it in this tab. */
  async function signIn(target: Page, persona: Persona, path = '/'): Promise<void> {
    await target.goto(`${url}/not-signed-in-yet`);
    await target.evaluate(
      `sessionStorage.setItem('rounds:token', ${JSON.stringify(JSON.stringify(persona.token))})`,
    );
    await target.goto(`${url}${path}`);
  }

  function isFocused(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => el.ownerDocument.activeElement === el);
  }

  async function uploadImage(persona: Persona, description: string): Promise<string> {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await png(320, 200))], { type: 'image/png' }), 'xray.png');
    form.set('description', description);
    const res = await fetch(`${url}/api/v2/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${persona.token}` },
      body: form,
    });
    expect(res.status).toBeLessThan(300);
    const media = (await res.json()) as { id: string };
    // An upload may still be processing (202): wait until it has a URL.
    for (let i = 0; i < 50; i++) {
      const current = await api<{ url: string | null }>(persona, 'GET', `/api/v1/media/${media.id}`);
      if (current.url) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return media.id;
  }

  beforeAll(async () => {
    ensureWebBuild();
    env = await createTestEnv();
    url = await listen(env);
    env.config.publicUrl = url;
    // Media URLs point at this listening server, so the browser can load them.
    Object.assign(env.ctx, { storage: createStorageFromConfig(env.config) });
    alice = await createPersona(env, 'alice');
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
    dan = await createPersona(env, 'dan');
    await api(alice, 'POST', `/api/v1/accounts/${bob.account.id}/follow`);
    await api(alice, 'POST', `/api/v1/accounts/${carol.account.id}/follow`);
    await api(bob, 'POST', `/api/v1/accounts/${alice.account.id}/follow`);
    await api(dan, 'POST', `/api/v1/accounts/${alice.account.id}/follow`);
    await post(bob, 'Echo first in syncope with a murmur. #Cardiology');
    const bookmarked = await post(
      bob,
      'Pearl: a new bundle branch block with chest pain is a STEMI equivalent. #Cardiology',
    );
    bookmarkedId = bookmarked.id;
    await post(carol, 'Handover checklist for night shifts, version 3.');
    await post(alice, 'Reply to me with your favourite ECG teaching resource.');
    await api(alice, 'POST', `/api/v1/statuses/${bookmarkedId}/bookmark`);
    const media = await uploadImage(carol, 'Chest X-ray, PA view, with cardiomegaly');
    imagePostId = (await post(carol, 'What do you see on this film?', { media_ids: [media] })).id;

    browser = await launchChromium();
    const options = { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' as const };
    english = await browser.newContext({ ...options, locale: 'en-US', timezoneId: ENGLISH_ZONE });
    arabic = await browser.newContext({ ...options, locale: 'ar', timezoneId: ARABIC_ZONE });
    for (const context of [english, arabic]) context.setDefaultTimeout(15_000);
    page = await english.newPage();
    badr = await arabic.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows this server’s public posts live, switches to all servers, in the reader’s time zone', async () => {
    await signIn(page, alice, '/');
    await page.getByRole('heading', { name: 'Home timeline' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Public' }).click();
    await page.getByRole('heading', { level: 1, name: 'Public posts' }).waitFor();
    const feed = page.getByRole('region', { name: 'Public posts on this server' });
    const pearl = feed.getByRole('article').filter({ hasText: 'STEMI equivalent' });
    await pearl.waitFor();
    // 09:00 UTC (the test server's clock) is 14:30 in Kolkata.
    expect(await pearl.locator('time').innerText()).toMatch(/2:30\s?PM/);
    const scope = page.getByRole('navigation', { name: 'Which posts' });
    expect(await scope.getByRole('link', { name: 'This server' }).getAttribute('aria-current')).toBe('page');
    await auditScreen(page, 'public');

    await scope.getByRole('link', { name: 'All servers' }).click();
    const all = page.getByRole('region', { name: 'Public posts from all known servers' });
    await all.getByRole('article').filter({ hasText: 'Handover checklist' }).waitFor();
    expect(new URL(page.url()).search).toBe('?scope=all');
    expect(await scope.getByRole('link', { name: 'All servers' }).getAttribute('aria-current')).toBe('page');

    await scope.getByRole('link', { name: 'This server' }).click();
    await feed.getByRole('article').first().waitFor();
    const before = await feed.getByRole('heading', { name: 'Public posts on this server' }).boundingBox();
    await post(dan, 'Student question: why do we give aspirin first?');
    const bar = page.getByRole('button', { name: 'Show 1 new post' });
    await bar.waitFor();
    expect(await feed.getByRole('heading', { name: 'Public posts on this server' }).boundingBox()).toEqual(
      before,
    );
    await bar.click();
    await feed.getByRole('article').first().filter({ hasText: 'why do we give aspirin first' }).waitFor();

    await signIn(badr, bob, '/public');
    await badr.getByRole('heading', { level: 1, name: 'المنشورات العامة' }).waitFor();
    const arabicPost = badr.getByRole('article').filter({ hasText: 'STEMI equivalent' });
    // Arabic digits, and 11:00 in Cairo.
    expect(await arabicPost.locator('time').innerText()).toMatch(/(11|١١):(00|٠٠)/);
    await auditScreen(badr, 'public');
  });

  it('searches people, hashtags and posts from the keyboard, with empty states', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
    await page.getByRole('heading', { name: 'Find people, hashtags and posts' }).waitFor();
    await auditScreen(page, 'search-empty');

    // From the page heading (where navigation puts focus), Tab reaches the search field.
    const field = page.getByRole('searchbox', { name: 'Search for people, hashtags or posts' });
    for (let i = 0; i < 10 && !(await isFocused(field)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await isFocused(field)).toBe(true);
    await page.keyboard.type('cardiology');
    await page.keyboard.press('Enter');
    const hashtags = page.getByRole('region', { name: 'Hashtags' });
    await hashtags.getByRole('link', { name: /^#cardiology$/i }).waitFor();
    const posts = page.getByRole('region', { name: 'Posts' });
    await posts.getByRole('article').filter({ hasText: 'STEMI equivalent' }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=cardiology');
    await auditScreen(page, 'search');

    await field.fill('');
    await field.focus();
    await page.keyboard.type('Carol');
    await page.keyboard.press('Enter');
    const people = page.getByRole('region', { name: 'People' });
    const carolLink = people.getByRole('link', { name: carol.account.displayName });
    await carolLink.waitFor();
    await page.getByText('No matching hashtags.').waitFor();
    // Tab on from the field to the first person, and open their profile with Enter.
    for (let i = 0; i < 10 && !(await isFocused(carolLink)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: carol.account.displayName }).waitFor();
    await page.goBack();

    await field.fill('zzqxv');
    await field.press('Enter');
    await page.getByRole('heading', { name: 'Nothing found' }).waitFor();
    await page.getByText('Nothing matches “zzqxv”. Try other words or check the spelling.').waitFor();
    await auditScreen(page, 'search-none');

    await badr.getByRole('navigation').getByRole('link', { name: 'البحث' }).click();
    await badr.getByRole('heading', { name: 'اعثر على أشخاص ووسوم ومنشورات' }).waitFor();
    await auditScreen(badr, 'search-empty');
    await badr.goto(`${url}/search?q=cardiology`);
    await badr.getByRole('region', { name: 'المنشورات' }).getByRole('article').first().waitFor();
    await auditScreen(badr, 'search');
  });

  it('lists bookmarks, and says how to make one when there are none', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bookmarks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bookmarks' }).waitFor();
    const feed = page.getByRole('region', { name: 'Bookmarked posts' });
    await feed.getByRole('article').filter({ hasText: 'STEMI equivalent' }).waitFor();
    expect(await feed.getByRole('article').count()).toBe(1);
    expect(await feed.getByRole('button', { name: 'Bookmark' }).getAttribute('aria-pressed')).toBe('true');
    await auditScreen(page, 'bookmarks');

    await badr.getByRole('navigation').getByRole('link', { name: 'المحفوظات' }).click();
    await badr.getByRole('heading', { name: 'لا محفوظات بعد' }).waitFor();
    await auditScreen(badr, 'bookmarks-empty');
  });

  it('makes, renames, fills, opens and deletes a list from the keyboard', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lists' }).waitFor();
    await page.getByRole('heading', { name: 'No lists yet' }).waitFor();
    await auditScreen(page, 'lists-empty');

    const name = page.getByLabel('New list name');
    for (let i = 0; i < 10 && !(await isFocused(name)); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Cardiolgy');
    await page.keyboard.press('Enter');
    const lists = page.getByRole('region', { name: 'Your lists' });
    await lists.getByRole('link', { name: 'Cardiolgy' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'List “Cardiolgy” created.' }).waitFor();

    // Rename: Tab to the button, Enter opens the field with focus in it, Enter saves.
    const rename = lists.getByRole('button', { name: 'Rename Cardiolgy' });
    await rename.focus();
    await page.keyboard.press('Enter');
    const field = lists.getByLabel('List name');
    await expect.poll(() => isFocused(field)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Cardiology');
    await page.keyboard.press('Enter');
    const link = lists.getByRole('link', { name: 'Cardiology', exact: true });
    await link.waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Rename Cardiology');
    await auditScreen(page, 'lists');

    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Cardiology' }).waitFor();
    await page.getByText('No posts from the people in this list yet.').waitFor();
    const choose = page.getByRole('button', { name: 'Choose people' });
    await choose.focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: 'Done choosing' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    const panel = page.getByRole('region', { name: 'People in this list' });
    await panel.getByText('Nobody is in this list yet.').waitFor();
    const addBob = panel.getByRole('button', { name: `Add ${bob.account.displayName}` });
    await addBob.focus();
    await page.keyboard.press('Enter');
    await panel.getByText('1 person is in this list.').waitFor();
    // The same button, now to remove: focus stays where the person is.
    const removeBob = panel.getByRole('button', { name: `Remove ${bob.account.displayName}` });
    await expect.poll(() => isFocused(removeBob)).toBe(true);
    await auditScreen(page, 'list-members');
    const done = page.getByRole('button', { name: 'Done choosing' });
    for (let i = 0; i < 10 && !(await isFocused(done)); i++) {
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.press('Enter');
    const feed = page.getByRole('region', { name: 'Posts in this list' });
    await feed.getByRole('article').filter({ hasText: 'STEMI equivalent' }).waitFor();
    expect(await feed.getByRole('article').filter({ hasText: 'Handover checklist' }).count()).toBe(0);
    await auditScreen(page, 'list');

    await page.getByRole('link', { name: 'All lists' }).click();
    const remove = lists.getByRole('button', { name: 'Delete Cardiology' });
    await remove.focus();
    await page.keyboard.press('Enter');
    const keep = lists.getByRole('button', { name: 'Keep list' });
    await expect.poll(() => isFocused(keep)).toBe(true);
    await lists.getByText('Delete the list “Cardiology”? You keep following everyone in it.').waitFor();
    await auditScreen(page, 'lists-delete');
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(remove)).toBe(true);
    await remove.press('Enter');
    await lists.getByRole('button', { name: 'Delete list' }).press('Enter');
    await page.getByRole('heading', { name: 'No lists yet' }).waitFor();
    expect(await api<unknown[]>(alice, 'GET', '/api/v1/lists')).toEqual([]);

    await badr.getByRole('navigation').getByRole('link', { name: 'القوائم' }).click();
    await badr.getByLabel('اسم القائمة الجديدة').fill('طلاب السنة الرابعة');
    await badr.getByRole('button', { name: 'أنشئ القائمة' }).click();
    await badr.getByRole('link', { name: 'طلاب السنة الرابعة' }).waitFor();
    await auditScreen(badr, 'lists');
    await badr.getByRole('link', { name: 'طلاب السنة الرابعة' }).click();
    await badr.getByRole('button', { name: 'اختر الأشخاص' }).click();
    await badr.getByRole('button', { name: `أضف ${alice.account.displayName}` }).click();
    await badr.getByText('شخص واحد في هذه القائمة.').waitFor();
    await badr.getByRole('button', { name: 'انتهيت من الاختيار' }).click();
    await badr.getByRole('article').filter({ hasText: 'favourite ECG teaching resource' }).waitFor();
    await auditScreen(badr, 'list');
  });

  it('edits the profile and posting defaults in settings; the profile shows bio, fields, posts and followers', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const profile = page.getByRole('form', { name: 'Profile' });
    await profile.getByLabel('Display name').fill('Alice Adeyemi, PGY-2');
    await profile.getByLabel('Bio').fill('Internal medicine resident. I teach ECGs on Thursdays.');
    await profile.getByLabel('Label 1').fill('Specialty');
    await profile.getByLabel('Content 1').fill('Internal medicine');
    await profile.getByLabel('Approve new followers yourself').check();
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const saved = await api<{ locked: boolean; display_name: string }>(
      alice,
      'GET',
      '/api/v1/accounts/verify_credentials',
    );
    expect(saved).toMatchObject({ locked: true, display_name: 'Alice Adeyemi, PGY-2' });

    const defaults = page.getByRole('form', { name: 'Posting defaults' });
    await defaults.getByLabel('Who can see new posts').selectOption('unlisted');
    await defaults.getByLabel('Language of new posts').selectOption('es');
    await defaults.getByRole('button', { name: 'Save posting defaults' }).click();
    await defaults.getByRole('status').filter({ hasText: 'Posting defaults saved.' }).waitFor();
    const source = await api<{ source: { privacy: string; language: string } }>(
      alice,
      'GET',
      '/api/v1/accounts/verify_credentials',
    );
    expect(source.source).toMatchObject({ privacy: 'unlisted', language: 'es' });
    await auditScreen(page, 'settings-account');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alice Adeyemi, PGY-2' }).waitFor();
    await page.getByText('Internal medicine resident. I teach ECGs on Thursdays.').waitFor();
    expect(await page.getByRole('term').innerText()).toBe('Specialty');
    expect(await page.getByRole('definition').innerText()).toBe('Internal medicine');
    await page.getByText('Approves followers').waitFor();
    await page
      .getByRole('region', { name: 'Posts' })
      .getByRole('article')
      .filter({ hasText: 'favourite ECG teaching resource' })
      .waitFor();
    await page.getByRole('link', { name: '2 followers' }).click();
    await page.getByRole('heading', { level: 1, name: 'People following Alice Adeyemi, PGY-2' }).waitFor();
    await page.getByRole('link', { name: dan.account.displayName }).waitFor();
    await page.getByRole('link', { name: bob.account.displayName }).waitFor();
    await auditScreen(page, 'followers');
    await page.getByRole('link', { name: 'Following', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'People Alice Adeyemi, PGY-2 follows' }).waitFor();
    await page.getByRole('link', { name: carol.account.displayName }).waitFor();

    await badr.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
    await badr.getByRole('heading', { level: 1, name: 'الإعدادات' }).waitFor();
    await badr.getByRole('form', { name: 'الملف الشخصي' }).getByLabel('النبذة').waitFor();
    await auditScreen(badr, 'settings-account');
    await badr.goto(`${url}/@alice/followers`);
    await badr.getByRole('link', { name: dan.account.displayName }).waitFor();
    await auditScreen(badr, 'followers');
  });

  it('with data saver, loads no image until it is tapped, then the preview', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Load images and other media only when I tap them').check();
    await auditScreen(page, 'settings-device');
    const media = await api<{ media_attachments: { url: string; preview_url: string }[] }>(
      alice,
      'GET',
      `/api/v1/statuses/${imagePostId}`,
    );
    const attachment = media.media_attachments[0]!;
    const requested: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/media/')) requested.push(request.url());
    });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const card = page
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'What do you see on this film?' });
    const placeholder = card.getByRole('button', {
      name: /^Image\s+Chest X-ray, PA view, with cardiomegaly\s+Tap to load$/,
    });
    await placeholder.waitFor();
    expect(await card.getByRole('img', { name: /Chest X-ray/ }).count()).toBe(0);
    await page.setViewportSize({ width: 360, height: 800 });
    await placeholder.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    expect(requested).toEqual([]);
    await auditScreen(page, 'home-data-saver');

    const loaded = page.waitForRequest((r) => r.url() === attachment.preview_url);
    await placeholder.click();
    await loaded;
    const image = card.getByRole('img', { name: 'Chest X-ray, PA view, with cardiomegaly' });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    expect(requested).toEqual([attachment.preview_url]);
    expect(requested).not.toContain(attachment.url);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Load images and other media only when I tap them').uncheck();

    await badr.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
    await badr.getByLabel('لا تحمّل الصور والوسائط الأخرى إلا عندما أنقر عليها').check();
    await badr.getByRole('navigation').getByRole('link', { name: 'العام' }).click();
    const arabicCard = badr.getByRole('article').filter({ hasText: 'What do you see on this film?' });
    await arabicCard
      .getByRole('button', { name: /^صورة\s+Chest X-ray, PA view, with cardiomegaly\s+انقر للتحميل$/ })
      .waitFor();
    await auditScreen(badr, 'public-data-saver');
  });

  it('holds live notifications during quiet hours and shows them when quiet hours end', async () => {
    const quiet = await english.newPage();
    // 23:30 in Kolkata; the fake clock still runs, and jumps when asked.
    await quiet.clock.install({ time: new Date('2026-11-23T18:00:00Z') });
    // What came before is read: opening notifications moves the read marker.
    await signIn(quiet, alice, '/notifications');
    await quiet.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expect
      .poll(
        async () => (await api<{ count: number }>(alice, 'GET', '/api/v1/notifications/unread_count')).count,
      )
      .toBe(0);
    await quiet.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await quiet.getByRole('heading', { name: 'Home timeline' }).waitFor();
    const notifications = quiet
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notifications/ });
    await notifications.waitFor();
    await expect.poll(() => notifications.innerText()).toBe('Notifications');

    // Without quiet hours, a like shows in the badge at once.
    await api(
      bob,
      'POST',
      `/api/v1/statuses/${(await post(alice, 'Journal club tonight at 8.')).id}/favourite`,
    );
    await quiet.getByRole('link', { name: 'Notifications (1 unread)' }).waitFor();

    await quiet.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await quiet.getByLabel('Hold notifications during quiet hours').check();
    await quiet
      .getByText(/^Quiet hours are on now, until 7:00\sAM\. Time zone: Asia\/(Kolkata|Calcutta)\.$/)
      .waitFor();
    expect(await quiet.getByLabel('From').inputValue()).toBe('22:00');
    expect(await quiet.getByLabel('Until').inputValue()).toBe('07:00');
    await expect.poll(() => notifications.innerText()).toBe('Notifications');
    await auditScreen(quiet, 'settings-quiet-hours');

    await quiet.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await post(bob, '@alice I will bring the ECGs.', { visibility: 'public' });
    await expect
      .poll(
        async () => (await api<{ count: number }>(alice, 'GET', '/api/v1/notifications/unread_count')).count,
      )
      .toBe(2);
    await quiet.waitForTimeout(1000);
    expect(await notifications.innerText()).toBe('Notifications');

    // Opening notifications shows everything that arrived; live ones wait while quiet hours last.
    await notifications.click();
    await quiet.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await quiet.getByRole('article', { name: `${bob.account.displayName} mentioned you` }).waitFor();
    await quiet.getByText('Quiet hours are on: new notifications wait until they end.').waitFor();
    await api(dan, 'POST', `/api/v1/accounts/${alice.account.id}/unfollow`);
    await api(dan, 'POST', `/api/v1/accounts/${alice.account.id}/follow`);
    await quiet.getByText('1 notification is waiting.').waitFor();
    await auditScreen(quiet, 'notifications-quiet');
    const followed = quiet.getByRole('article', { name: `${dan.account.displayName} asked to follow you` });
    expect(await followed.count()).toBe(0);

    await quiet.clock.fastForward('08:00:00');
    await followed.waitFor();
    await quiet
      .getByText('Quiet hours are on: new notifications wait until they end.')
      .waitFor({ state: 'detached' });
    await quiet.close();
  });

  it('keeps the home timeline and a bookmarked thread readable offline, and forgets them on sign-out', async () => {
    await page.goto(url);
    await page.getByRole('heading', { name: 'Home timeline' }).waitFor();
    await expect
      .poll(() => page.evaluate('navigator.serviceWorker.controller?.state ?? null'), { timeout: 15_000 })
      .toBe('activated');
    const manifest = await page.evaluate(
      'fetch(document.querySelector(\'link[rel="manifest"]\').getAttribute("href")).then((r) => r.json())',
    );
    expect(manifest).toMatchObject({ name: 'Rounds', display: 'standalone', start_url: '/' });
    // Read once with the worker in charge: that copy is the one kept.
    await page.reload();
    const home = page.getByRole('region', { name: 'Home timeline' });
    await home.getByRole('article').filter({ hasText: 'STEMI equivalent' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bookmarks' }).click();
    const bookmark = page.getByRole('region', { name: 'Bookmarked posts' }).getByRole('article');
    await bookmark.getByRole('link', { name: /^Open the post/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    await page.getByRole('article').filter({ hasText: 'STEMI equivalent' }).first().waitFor();
    const threadUrl = page.url();
    await page.goto(url);
    await home.getByRole('article').first().waitFor();

    await english.setOffline(true);
    await post(bob, 'Posted while alice was offline.');
    await page.reload();
    await home.getByRole('article').filter({ hasText: 'STEMI equivalent' }).waitFor();
    await page.getByText('You are offline. These are the posts saved on this device.').waitFor();
    expect(await page.getByText('Posted while alice was offline.').count()).toBe(0);
    await auditScreen(page, 'home-offline');
    await page.goto(threadUrl);
    await page.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    await page.getByRole('article').filter({ hasText: 'STEMI equivalent' }).first().waitFor();
    await page.goto(`${url}/bookmarks`);
    await page.getByRole('region', { name: 'Bookmarked posts' }).getByRole('article').first().waitFor();
    await english.setOffline(false);

    await page.goto(url);
    await home.getByRole('article').filter({ hasText: 'Posted while alice was offline.' }).waitFor();
    const kept = () =>
      page.evaluate('caches.keys().then((names) => names.filter((n) => n.startsWith("rounds-api-")).length)');
    expect(await kept()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Learn together, safely' }).waitFor();
    expect(await kept()).toBe(0);
  });
});
