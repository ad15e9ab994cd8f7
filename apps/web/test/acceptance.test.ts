import { createServer } from 'node:net';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHttp } from '../../server/src/streaming/server.ts';
import { createTestEnv, onFileEnd, type TestEnv } from '../../server/test/harness.ts';
import { auditScreen, ensureWebBuild, launchChromium } from './browser.ts';

const PASSWORD = 'a long enough password';
const ALT = '12-lead ECG: narrow QRS complexes at a regular rate of about 75 per minute';
const PART_1 = 'How I read an ECG in three steps, a thread for #ECGbasics. Step one: rate and rhythm.';
const PART_2 = 'Step two: the axis. Leads I and aVF positive means a normal axis.';
const PART_3 = 'Step three: intervals. PR, QRS width, then the QT corrected for rate.';
const PHI_PART = 'Step two: Marguerite Okafor, MRN 4471-2290, had a normal axis.';

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real PNG (the server checks magic bytes and decodes it): ECG paper with a trace across it. */
function ecgPng(width = 160, height = 96): Buffer {
  const rows: Buffer[] = [];
  const trace = (x: number) => {
    const beat = x % 40;
    const spike = beat === 20 ? -30 : beat === 21 ? 24 : beat === 19 ? 6 : 0;
    return Math.round(height / 2 + spike + 4 * Math.sin(x / 6));
  };
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const onTrace = Math.abs(trace(x) - y) <= 1;
      const grid = x % 8 === 0 || y % 8 === 0;
      const [r, g, b] = onTrace ? [20, 20, 20] : grid ? [240, 160, 170] : [255, 240, 242];
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A loopback port nothing listens on, so the server's media URLs can name it before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

/** Waits until the image has loaded and says how wide it is (0: broken). */
async function loadedWidth(img: ReturnType<Page['locator']>): Promise<number> {
  await expect.poll(() => img.evaluate((el) => (el as unknown as { complete: boolean }).complete)).toBe(true);
  return img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth);
}

/**
 * The acceptance scenario, in Debian's Chromium against a real server: two people sign up
 * in two browsers (English and Arabic); lena writes a 3-part thread with a hashtag and an image with
 * alt text; omar sees it arrive live on the hashtag page, replies and likes; lena sees both
 * notifications arrive; lena edits, and omar sees the edit. Every step checks what a person sees.
 */
describe('acceptance: a tweetorial from the thread composer to a reader and back', {
  timeout: 120_000,
}, () => {
  let env: TestEnv;
  let url: string;
  let browser: Browser;
  let english: BrowserContext;
  let arabic: BrowserContext;
  let lena: Page;
  let omar: Page;

  beforeAll(async () => {
    ensureWebBuild();
    // Uploads are served at PUBLIC_URL/media: the server must know its own address from the start.
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = await createTestEnv({ PUBLIC_URL: url });
    const http = await serveHttp(env.app, { port, hostname: '127.0.0.1' });
    onFileEnd(() => http.close());
    browser = await launchChromium();
    const options = { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' as const };
    english = await browser.newContext({ ...options, locale: 'en-US' });
    arabic = await browser.newContext({ ...options, locale: 'ar' });
    for (const context of [english, arabic]) context.setDefaultTimeout(20_000);
    lena = await english.newPage();
    omar = await arabic.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('signs up two people, one in English and one in Arabic', async () => {
    await lena.goto(`${url}/sign-up`);
    await lena.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await lena.getByLabel('Name shown on your posts').fill('Lena Park');
    await lena.getByLabel('Username').fill('lena');
    await lena.getByLabel('Email').fill('lena@rounds.test');
    await lena.getByLabel('Password').fill(PASSWORD);
    await lena.getByLabel('I have read and agree to the server rules').check();
    await lena.getByRole('button', { name: 'Create account' }).click();
    await lena.getByRole('heading', { name: 'Home timeline' }).waitFor();
    await lena.getByRole('banner').getByText('@lena').waitFor();

    await omar.goto(`${url}/sign-up`);
    await omar.getByRole('heading', { level: 1, name: 'أنشئ حسابك' }).waitFor();
    await omar.getByLabel('اسم المستخدم').fill('omar');
    await omar.getByLabel('البريد الإلكتروني').fill('omar@rounds.test');
    await omar.getByLabel('كلمة المرور').fill(PASSWORD);
    await omar.getByLabel('قرأت قواعد الخادم وأوافق عليها').check();
    await omar.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await omar.getByRole('heading', { name: 'الخط الزمني الرئيسي' }).waitFor();
    expect(await omar.locator('html').getAttribute('dir')).toBe('rtl');
  });

  it('omar opens the hashtag page, where nothing is posted yet', async () => {
    await omar.goto(`${url}/tags/ECGbasics`);
    await omar.getByRole('heading', { level: 1, name: /^#ECGbasics$/i }).waitFor();
    await omar.getByText('لا منشورات عامة بالوسم #ECGbasics بعد.').waitFor();
  });

  it('lena writes three parts, moves one with the keyboard, and adds an image that needs alt text', async () => {
    await lena.getByRole('link', { name: 'Write a thread' }).click();
    await lena.getByRole('heading', { level: 1, name: 'Write a thread' }).waitFor();
    await lena.getByLabel('Part 1 of 2').fill(PART_1);
    // Written out of order on purpose: step three first, then moved into place below.
    await lena.getByLabel('Part 2 of 2').fill(PART_3);
    await lena.getByRole('button', { name: 'Add a part' }).click();
    const third = lena.getByLabel('Part 3 of 3');
    await expect.poll(() => third.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await third.fill(PHI_PART);

    const moveUp = lena.getByRole('button', { name: 'Move part 3 up' });
    await moveUp.focus();
    await lena.keyboard.press('Enter');
    expect(await lena.getByLabel('Part 2 of 3').inputValue()).toBe(PHI_PART);
    expect(await lena.getByLabel('Part 3 of 3').inputValue()).toBe(PART_3);
    // Focus stays with the moved part, now part 2, on the same button.
    await expect.poll(() => lena.evaluate('document.activeElement?.textContent')).toContain('Move part 2 up');
    await lena.getByText('Part 3 is now part 2.').waitFor({ state: 'attached' });

    // Each part has its own count, the number it will be posted with included.
    const count = lena.getByRole('listitem').filter({ has: lena.getByLabel('Part 1 of 3') });
    const expected = 500 - (PART_1.length + ' 1/3'.length);
    await count.getByText(`${expected} characters left`).waitFor();

    await lena.getByLabel('Add image or video to part 1').setInputFiles({
      name: 'ecg.png',
      mimeType: 'image/png',
      buffer: ecgPng(),
    });
    const alt = lena.getByLabel(/^Describe attachment 1 \(alt text\)/);
    await alt.waitFor();
    const thumbnail = lena.getByRole('listitem').filter({ has: alt }).locator('img');
    expect(await loadedWidth(thumbnail)).toBeGreaterThan(0);

    await lena.getByRole('button', { name: 'Publish thread (3 posts)' }).click();
    await lena.getByRole('alert').getByText('Describe the attachment before posting (alt text).').waitFor();
    await expect.poll(() => alt.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await alt.getAttribute('aria-invalid')).toBe('true');
    await alt.fill(ALT);
  });

  it('stops before posting anything when a part names a patient, and keeps every draft across a reload', async () => {
    const part2 = lena.getByRole('listitem').filter({ has: lena.getByLabel('Part 2 of 3') });
    await part2.getByText('2 possible patient identifiers').waitFor();
    await lena.getByRole('button', { name: 'Publish thread (3 posts)' }).click();
    await lena
      .getByRole('alert')
      .getByText('Part 2 may contain patient identifiers. Nothing was published; your draft is kept.')
      .waitFor();
    const posted = await fetch(`${url}/api/v1/timelines/tag/ECGbasics`);
    expect(await posted.json()).toEqual([]);

    await lena.reload();
    await lena.getByRole('heading', { level: 1, name: 'Write a thread' }).waitFor();
    expect(await lena.getByLabel('Part 1 of 3').inputValue()).toBe(PART_1);
    expect(await lena.getByLabel('Part 2 of 3').inputValue()).toBe(PHI_PART);
    expect(await lena.getByLabel('Part 3 of 3').inputValue()).toBe(PART_3);
    expect(await lena.getByLabel(/^Describe attachment 1 \(alt text\)/).inputValue()).toBe(ALT);

    await lena.getByLabel('Part 2 of 3').fill(PART_2);
    const part2Again = lena.getByRole('listitem').filter({ has: lena.getByLabel('Part 2 of 3') });
    await part2Again.getByText('No patient identifiers found.').waitFor();
  });

  it('previews the numbered parts, passes axe in English at both widths, and publishes at once', async () => {
    await lena.getByRole('button', { name: 'Preview' }).click();
    const preview = lena.getByRole('region', { name: 'Preview: 3 posts' });
    const items = preview.getByRole('listitem').filter({ hasText: /\d\/3/ });
    expect(await items.allInnerTexts()).toEqual([
      expect.stringContaining(`${PART_1} 1/3`),
      expect.stringContaining(`${PART_2} 2/3`),
      expect.stringContaining(`${PART_3} 3/3`),
    ]);
    expect(await preview.getByRole('img').getAttribute('alt')).toBe(ALT);
    await auditScreen(lena, 'thread-composer');

    await lena.getByRole('button', { name: 'Publish thread (3 posts)' }).click();
    // Published: the first part's page, the other parts below it as its replies.
    await lena.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    const first = lena.getByRole('article').filter({ hasText: `${PART_1} 1/3` });
    await first.waitFor();
    expect(await loadedWidth(first.getByRole('img', { name: ALT }))).toBeGreaterThan(0);
    const replies = lena.getByRole('region', { name: 'Replies' });
    await replies
      .getByRole('article')
      .filter({ hasText: `${PART_2} 2/3` })
      .waitFor();
    await replies
      .getByRole('article')
      .filter({ hasText: `${PART_3} 3/3` })
      .waitFor();
    // The draft is gone once the whole thread is out.
    expect(await lena.evaluate('Object.keys(localStorage).filter((k) => k.endsWith(":thread"))')).toEqual([]);
  });

  it('omar sees part 1 arrive live on the hashtag page, with the image described', async () => {
    await omar.getByRole('button', { name: 'اعرض منشورًا جديدًا واحدًا' }).click();
    const post = omar
      .getByRole('region', { name: 'أحدث المنشورات' })
      .getByRole('article')
      .filter({ hasText: 'How I read an ECG in three steps' });
    await post.waitFor();
    const image = post.getByRole('img', { name: ALT });
    expect(await image.getAttribute('alt')).toBe(ALT);
    expect(await loadedWidth(image)).toBeGreaterThan(0);
  });

  it('lena opens her notifications while omar replies and likes; both arrive live', async () => {
    await lena.getByRole('link', { name: 'Notifications' }).click();
    await lena.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await lena.getByRole('heading', { name: 'No notifications yet' }).waitFor();

    const post = omar.getByRole('article').filter({ hasText: 'How I read an ECG in three steps' });
    await post.getByRole('link', { name: /^افتح المنشور/ }).click();
    await omar.getByRole('heading', { level: 1, name: 'منشور' }).waitFor();
    const replies = omar.getByRole('region', { name: 'الردود' });
    await replies.getByRole('article').filter({ hasText: '2/3' }).waitFor();
    await replies.getByRole('article').filter({ hasText: '3/3' }).waitFor();

    const reply = omar.getByLabel('نص الرد');
    expect(await reply.inputValue()).toBe('@lena ');
    await reply.fill('@lena شكرًا! سأبدأ بالمعدّل والنظم من اليوم.');
    await omar.getByRole('button', { name: 'ردّ', exact: true }).click();
    await replies.getByRole('article').filter({ hasText: 'سأبدأ بالمعدّل' }).waitFor();

    const focused = omar.getByRole('article').filter({ hasText: 'How I read an ECG in three steps' }).first();
    const like = focused.getByRole('button', { name: /^إعجاب/ });
    await like.click();
    expect(await like.getAttribute('aria-pressed')).toBe('true');

    const mention = lena.getByRole('article', { name: 'omar mentioned you' });
    await mention.waitFor();
    expect(await mention.innerText()).toContain('سأبدأ بالمعدّل');
    const liked = lena.getByRole('article', { name: 'omar liked your post' });
    await liked.waitFor();
    expect(await liked.innerText()).toContain('How I read an ECG in three steps');
  });

  it('lena edits part 1, and omar sees the edit on the hashtag page without reloading', async () => {
    await omar.getByRole('article').first().getByRole('link', { name: '#ECGbasics' }).click();
    await omar.getByRole('heading', { level: 1, name: /^#ECGbasics$/i }).waitFor();
    const seen = omar
      .getByRole('region', { name: 'أحدث المنشورات' })
      .getByRole('article')
      .filter({ hasText: 'How I read an ECG' });
    await seen.waitFor();

    await lena
      .getByRole('article', { name: 'omar liked your post' })
      .getByRole('link', { name: 'Open the post' })
      .click();
    await lena.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    const mine = lena.getByRole('article').filter({ hasText: `${PART_1} 1/3` });
    await mine.getByRole('button', { name: 'Edit' }).click();
    const form = lena.getByRole('form', { name: 'Edit post' });
    const edited = form.getByLabel('Edited text');
    expect(await edited.inputValue()).toBe(`${PART_1} 1/3`);
    await edited.fill(`${PART_1.replace('three steps', 'three quick steps')} 1/3`);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await lena
      .getByRole('article')
      .filter({ hasText: 'three quick steps' })
      .getByText('edited', { exact: true })
      .waitFor();

    await seen.filter({ hasText: 'How I read an ECG in three quick steps' }).waitFor();
    await seen.getByText('معدَّل', { exact: true }).waitFor();
    expect(await omar.getByText('How I read an ECG in three steps').count()).toBe(0);
  });

  it('shows the thread composer right to left in Arabic, accessible at both widths', async () => {
    await omar.goto(`${url}/compose/thread`);
    await omar.getByRole('heading', { level: 1, name: 'اكتب سلسلة' }).waitFor();
    await omar
      .getByLabel(/^الجزء [1١] من [2٢]$/)
      .fill('كيف أقرأ تخطيط القلب: أبدأ بالمعدّل والنظم. #ECGbasics');
    await omar.getByLabel(/^الجزء [2٢] من [2٢]$/).fill('ثم المحور، ثم الفترات.');
    await omar.getByLabel(/^أضف صورة أو فيديو إلى الجزء [1١]$/).setInputFiles({
      name: 'ecg.png',
      mimeType: 'image/png',
      buffer: ecgPng(),
    });
    await omar.getByLabel(/^صِف المرفق [1١]/).fill('تخطيط قلب بنظم جيبي منتظم');
    await omar.getByRole('button', { name: 'معاينة' }).click();
    expect(await omar.locator('html').getAttribute('dir')).toBe('rtl');
    await auditScreen(omar, 'thread-composer');
  });

  it('writes a post with a poll and quotes a post, with the quoted post shown', async () => {
    await lena.goto(url);
    await lena.getByRole('heading', { name: 'Home timeline' }).waitFor();
    await lena.getByLabel('Post text').fill('Quick check: what do you read first on an ECG?');
    await lena.getByRole('button', { name: 'Add a poll' }).click();
    await lena.getByLabel('Choice 1').fill('Rate');
    await lena.getByLabel('Choice 2').fill('Rhythm');
    await lena.getByRole('button', { name: 'Add a choice' }).click();
    await lena.getByLabel('Choice 3').fill('Axis');
    await lena.getByLabel('Runs for').selectOption({ label: '3 days' });
    await auditScreen(lena, 'composer-poll');
    await lena.getByRole('button', { name: 'Post', exact: true }).click();
    const poll = lena
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'what do you read first' });
    await poll.getByText('Rhythm').waitFor();
    await poll.getByText('Axis').waitFor();

    const thread = lena
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'three quick steps' });
    await thread.getByRole('button', { name: 'Quote' }).click();
    const form = lena.getByRole('form', { name: 'Quote this post' });
    await form.locator('blockquote').filter({ hasText: 'three quick steps' }).waitFor();
    await form.getByLabel('Your comment').fill('Pinned for the new interns.');
    await auditScreen(lena, 'composer-quote');
    await form.getByRole('button', { name: 'Post quote' }).click();
    await form.waitFor({ state: 'detached' });
    await lena.getByText('Your quote was posted.').waitFor();
  });

  it('posts an image without alt text once lena switches the requirement off in settings', async () => {
    await lena.getByRole('link', { name: 'Settings' }).click();
    await lena.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const requirement = lena.getByLabel('Ask me to describe images before posting');
    expect(await requirement.isChecked()).toBe(true);
    await requirement.uncheck();
    await lena.getByRole('link', { name: 'Home' }).click();
    await lena.getByRole('heading', { name: 'Home timeline' }).waitFor();
    await lena.getByLabel('Post text').fill('Todays practice strip, no description needed for this drill.');
    await lena.getByLabel('Add image or video').setInputFiles({
      name: 'strip.png',
      mimeType: 'image/png',
      buffer: ecgPng(),
    });
    const alt = lena.getByLabel(/^Describe attachment 1 \(alt text\)$/);
    await alt.waitFor();
    await lena.getByRole('button', { name: 'Post', exact: true }).click();
    const posted = lena
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'practice strip' });
    await posted.waitFor();
    expect(await loadedWidth(posted.getByRole('img').last())).toBeGreaterThan(0);
  });
});
