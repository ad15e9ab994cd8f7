import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../server/test/harness.ts';
import { listen } from '../../server/test/listen.ts';
import { auditScreen, ensureWebBuild, launchChromium } from './browser.ts';

const PASSWORD = 'a long enough password';
const PHI_TEXT =
  'Teaching case: Marguerite Okafor, MRN 4471-2290, came in with crushing chest pain. What do you do first? #MedEd';

/**
 * The web client in Debian's Chromium against a real listening Rounds server serving the built
 * client: sign-up, sign-out and OAuth sign-in, the PHI guard in the composer, live updates in a
 * second browser, the thread page, in English and Arabic, with axe-core and screenshots.
 */
describe('the web client in a browser', { timeout: 90_000 }, () => {
  let env: TestEnv;
  let url: string;
  let browser: Browser;
  let english: BrowserContext;
  let arabic: BrowserContext;
  let ana: Page;
  let badr: Page;

  beforeAll(async () => {
    ensureWebBuild();
    env = await createTestEnv();
    url = await listen(env);
    env.config.publicUrl = url;
    browser = await launchChromium();
    const options = { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' as const };
    english = await browser.newContext({ ...options, locale: 'en-US' });
    arabic = await browser.newContext({ ...options, locale: 'ar' });
    for (const context of [english, arabic]) context.setDefaultTimeout(15_000);
    ana = await english.newPage();
    badr = await arabic.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function tokenOf(page: Page): Promise<string> {
    const stored = await page.evaluate('sessionStorage.getItem("rounds:token")');
    expect(typeof stored).toBe('string');
    return JSON.parse(stored as string) as string;
  }

  it('welcomes a visitor and signs them up', async () => {
    await ana.goto(url);
    await ana.getByRole('heading', { level: 1, name: 'Learn together, safely' }).waitFor();
    expect(await ana.locator('html').getAttribute('dir')).toBe('ltr');
    await auditScreen(ana, 'welcome');

    await ana.getByRole('link', { name: 'Create an account' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    expect(new URL(ana.url()).pathname).toBe('/sign-up');
    await ana.getByLabel('Name shown on your posts').fill('Ana Ruiz');
    await ana.getByLabel('Username').fill('ana');
    await ana.getByLabel('Email').fill('ana@rounds.test');
    await ana.getByLabel('Password').fill(PASSWORD);
    await ana.getByLabel('I have read and agree to the server rules').check();
    await auditScreen(ana, 'sign-up');
    await ana.getByRole('button', { name: 'Create account' }).click();

    await ana.getByRole('heading', { name: 'Home timeline' }).waitFor();
    await ana.getByRole('heading', { name: 'Nothing here yet' }).waitFor();
    await ana.getByRole('banner').getByText('@ana').waitFor();
  });

  it('signs out (revoking the token) and signs in again through the server’s pages with PKCE', async () => {
    const token = await tokenOf(ana);
    await ana.getByRole('button', { name: 'Sign out' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Learn together, safely' }).waitFor();
    const revoked = await fetch(`${url}/api/v1/accounts/verify_credentials`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);

    await ana.getByRole('button', { name: 'Sign in' }).click();
    await ana.getByRole('heading', { name: 'Sign in to Rounds' }).waitFor();
    await auditScreen(ana, 'oauth-sign-in');
    await ana.getByLabel('Email or username').fill('ana');
    await ana.getByLabel('Password').fill(PASSWORD);
    await ana.getByRole('button', { name: 'Sign in' }).click();
    await ana.getByRole('heading', { name: 'Authorize Rounds web?' }).waitFor();
    await auditScreen(ana, 'oauth-consent');
    await ana.getByRole('button', { name: 'Authorize' }).click();

    await ana.getByRole('heading', { name: 'Home timeline' }).waitFor();
    expect(new URL(ana.url()).pathname).toBe('/');
    await ana.getByRole('banner').getByText('@ana').waitFor();
    expect(await tokenOf(ana)).not.toBe(token);

    // Signing out ends the server's browser session too, and forgets drafts: the next person at a
    // shared computer is asked for a password, not offered ana's consent page.
    await ana.getByLabel('Post text').fill('Draft about a patient I should not keep');
    await ana.getByRole('button', { name: 'Sign out' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Learn together, safely' }).waitFor();
    expect(
      await ana.evaluate('Object.keys(localStorage).filter((k) => k.startsWith("rounds:draft:"))'),
    ).toEqual([]);
    await ana.getByRole('button', { name: 'Sign in' }).click();
    await ana.getByRole('heading', { name: 'Sign in to Rounds' }).waitFor();
    await ana.getByLabel('Email or username').fill('ana');
    await ana.getByLabel('Password').fill(PASSWORD);
    await ana.getByRole('button', { name: 'Sign in' }).click();
    await ana.getByRole('button', { name: 'Authorize' }).click();
    await ana.getByRole('heading', { name: 'Home timeline' }).waitFor();
  });

  it('can be used from the keyboard: a skip link first, focus visible', async () => {
    await ana.reload();
    await ana.getByRole('heading', { name: 'Home timeline' }).waitFor();
    await ana.keyboard.press('Tab');
    expect(await ana.evaluate('document.activeElement?.textContent')).toBe('Skip to main content');
    expect(await ana.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    const box = await ana.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);
    await ana.keyboard.press('Enter');
    expect(await ana.evaluate('document.activeElement?.id')).toBe('main');
    await ana.keyboard.press('Tab');
    expect(await ana.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    expect(await ana.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
  });

  it('shows Arabic right to left and signs up a second person there', async () => {
    await badr.goto(url);
    await badr.getByRole('heading', { level: 1, name: 'نتعلّم معًا، بأمان' }).waitFor();
    expect(await badr.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await badr.locator('html').getAttribute('lang')).toBe('ar');
    await auditScreen(badr, 'welcome');

    const language = badr.getByRole('combobox', { name: 'اللغة' });
    await language.selectOption('es');
    await badr.getByRole('heading', { level: 1, name: 'Aprender juntos, con seguridad' }).waitFor();
    expect(await badr.locator('html').getAttribute('dir')).toBe('ltr');
    await badr.getByRole('combobox', { name: 'Idioma' }).selectOption('ar');
    await badr.getByRole('heading', { level: 1, name: 'نتعلّم معًا، بأمان' }).waitFor();
    expect(await badr.locator('html').getAttribute('dir')).toBe('rtl');

    await badr.getByRole('link', { name: 'إنشاء حساب' }).click();
    await badr.getByRole('heading', { level: 1, name: 'أنشئ حسابك' }).waitFor();
    await badr.getByLabel('اسم المستخدم').fill('badr');
    await badr.getByLabel('البريد الإلكتروني').fill('badr@rounds.test');
    await badr.getByLabel('كلمة المرور').fill(PASSWORD);
    await badr.getByLabel('قرأت قواعد الخادم وأوافق عليها').check();
    await auditScreen(badr, 'sign-up');
    await badr.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await badr.getByRole('heading', { name: 'لا شيء هنا بعد' }).waitFor();

    await auditScreen(badr, 'home-empty');
  });

  it('opens a profile and follows from it', async () => {
    await badr.goto(`${url}/@ana`);
    await badr.getByRole('heading', { level: 1, name: 'Ana Ruiz' }).waitFor();
    const counts = badr.getByRole('region', { name: 'Ana Ruiz' }).getByRole('listitem');
    expect(await counts.allInnerTexts()).toEqual([
      'لا منشورات',
      'لا متابِعين',
      expect.stringMatching(/^يتابع [0٠]$/),
    ]);
    await badr.getByText('لا منشورات بعد.').waitFor();
    await badr.getByRole('button', { name: 'متابعة', exact: true }).click();
    await badr.getByRole('button', { name: 'إلغاء المتابعة' }).waitFor();
    await badr.getByText('متابِع واحد').waitFor();
    await auditScreen(badr, 'profile');

    // The bio and fields come from the API here (profile editing is not in the web client yet).
    const saved = await fetch(`${url}/api/v1/accounts/update_credentials`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await tokenOf(ana)}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        note: 'Internal medicine resident. I teach ECGs.',
        fields_attributes: [{ name: 'Specialty', value: 'Internal medicine' }],
      }),
    });
    expect(saved.status).toBe(200);
    await ana.getByRole('link', { name: 'Profile' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Ana Ruiz' }).waitFor();
    await ana.getByText('1 follower').waitFor();
    await ana.getByText('Internal medicine resident. I teach ECGs.').waitFor();
    expect(await ana.getByRole('definition').innerText()).toBe('Internal medicine');
    expect(await ana.getByRole('term').innerText()).toBe('Specialty');
    expect(await ana.getByRole('button', { name: 'Follow' }).count()).toBe(0);
    await auditScreen(ana, 'profile');
    await ana.getByRole('link', { name: 'Home' }).click();
    await ana.getByRole('heading', { name: 'Home timeline' }).waitFor();

    await badr.getByRole('link', { name: 'الرئيسية', exact: true }).click();
    await badr.getByRole('heading', { name: 'لا شيء هنا بعد' }).waitFor();
  });

  it('flags patient identifiers as ana types, redacts them in one click, and posts', async () => {
    const text = ana.getByLabel('Post text');
    await text.fill(PHI_TEXT);
    const panel = ana.getByRole('region', { name: 'Patient privacy check' });
    await panel.getByText('2 possible patient identifiers').waitFor();
    const findings = panel.getByRole('listitem');
    expect(await findings.allInnerTexts()).toEqual([
      expect.stringMatching(/Name\s+Marguerite Okafor\s+Replace with \[NAME\]/i),
      expect.stringMatching(/Medical record number\s+4471-2290\s+Replace with \[MRN\]/i),
    ]);
    await auditScreen(ana, 'composer-phi');

    await panel.getByRole('button', { name: 'Use all redactions' }).click();
    expect(await text.inputValue()).toBe(
      'Teaching case: [NAME], MRN [MRN], came in with crushing chest pain. What do you do first? #MedEd',
    );
    await panel.getByText('No patient identifiers found.').waitFor();

    const badrHeading = badr.getByRole('heading', { name: 'الخط الزمني الرئيسي' });
    const before = await badrHeading.boundingBox();

    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    const feed = ana.getByRole('region', { name: 'Home timeline' });
    await feed.getByRole('article').filter({ hasText: 'crushing chest pain' }).waitFor();
    expect(await feed.getByRole('article').first().innerText()).toContain('[NAME], MRN [MRN]');
    expect(await text.inputValue()).toBe('');

    // badr, in the other browser, sees a bar instead of content jumping under his eyes.
    const bar = badr.getByRole('button', { name: 'اعرض منشورًا جديدًا واحدًا' });
    await bar.waitFor();
    expect(await badrHeading.boundingBox()).toEqual(before);
    await auditScreen(badr, 'home-new-posts');
    await bar.click();
    const badrFeed = badr.getByRole('region', { name: 'الخط الزمني الرئيسي' });
    await badrFeed.getByRole('article').filter({ hasText: '[NAME], MRN [MRN]' }).waitFor();
    await bar.waitFor({ state: 'detached' });
    await auditScreen(badr, 'home');
    await auditScreen(ana, 'home');
  });

  it('keeps a refused draft, and keeps drafts across a reload', async () => {
    const text = ana.getByLabel('Post text');
    await text.fill('Follow-up: Marguerite Okafor returns tomorrow for her echo.');
    await text.press('Control+Enter');
    await ana.getByRole('alert').filter({ hasText: 'Not posted' }).waitFor();
    expect(await text.inputValue()).toBe('Follow-up: Marguerite Okafor returns tomorrow for her echo.');

    await ana.reload();
    await ana.getByRole('heading', { name: 'Home timeline' }).waitFor();
    const restored = ana.getByLabel('Post text');
    expect(await restored.inputValue()).toBe('Follow-up: Marguerite Okafor returns tomorrow for her echo.');
    const panel = ana.getByRole('region', { name: 'Patient privacy check' });
    await panel.getByRole('button', { name: 'Replace with [NAME]' }).click();
    expect(await restored.inputValue()).toBe('Follow-up: [NAME] returns tomorrow for her echo.');
    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    await ana
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'returns tomorrow' })
      .waitFor();
  });

  it('opens a post with its thread and takes a reply', async () => {
    const post = badr
      .getByRole('region', { name: 'الخط الزمني الرئيسي' })
      .getByRole('article')
      .filter({ hasText: 'crushing chest pain' });
    await post.getByRole('link', { name: /^افتح المنشور/ }).click();
    await badr.getByRole('heading', { level: 1, name: 'منشور' }).waitFor();
    await badr.getByText('لا ردود بعد.').waitFor();
    const reply = badr.getByLabel('نص الرد');
    expect(await reply.inputValue()).toBe('@ana ');
    await reply.fill('@ana شكرًا على الحالة. أبدأ بتخطيط القلب.');
    await auditScreen(badr, 'status');
    await badr.getByRole('button', { name: 'ردّ', exact: true }).click();
    const replies = badr.getByRole('region', { name: 'الردود' });
    await replies.getByRole('article').filter({ hasText: 'أبدأ بتخطيط القلب' }).waitFor();

    await ana.goto(`${url}${new URL(badr.url()).pathname}`);
    await ana.getByRole('heading', { level: 1, name: 'Post' }).waitFor();
    await ana
      .getByRole('region', { name: 'Replies' })
      .getByRole('article')
      .filter({ hasText: 'أبدأ بتخطيط القلب' })
      .waitFor();
    await auditScreen(ana, 'status');
  });

  it('notifies live: ana likes badr’s reply, badr likes ana’s post, each sees it arrive', async () => {
    await badr.getByRole('link', { name: 'الإشعارات' }).click();
    await badr.getByRole('heading', { level: 1, name: 'الإشعارات' }).waitFor();
    await badr.getByRole('heading', { name: 'لا إشعارات بعد' }).waitFor();
    await auditScreen(badr, 'notifications-empty');

    await ana.getByRole('link', { name: 'Notifications' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await ana.getByRole('article', { name: 'badr followed you' }).waitFor();
    const mention = ana.getByRole('article', { name: 'badr mentioned you' });
    expect(await mention.innerText()).toContain('أبدأ بتخطيط القلب');
    await auditScreen(ana, 'notifications');
    const like = mention.getByRole('button', { name: /^Like/ });
    await like.click();
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    expect(await like.innerText()).toMatch(/Like\s+1/);

    const liked = badr.getByRole('article', { name: 'أُعجب Ana Ruiz بمنشورك' });
    await liked.waitFor();
    expect(await liked.innerText()).toContain('جديد');
    await auditScreen(badr, 'notifications');

    await badr.getByRole('link', { name: 'الرئيسية', exact: true }).click();
    const post = badr
      .getByRole('region', { name: 'الخط الزمني الرئيسي' })
      .getByRole('article')
      .filter({ hasText: 'crushing chest pain' });
    await post.getByRole('button', { name: /^إعجاب/ }).click();
    expect(await post.getByRole('button', { name: /^إعجاب/ }).getAttribute('aria-pressed')).toBe('true');
    await ana.getByRole('article', { name: 'badr liked your post' }).waitFor();

    // Seen on screen is read everywhere: the marker moves, and a reload shows nothing as new.
    const headers = { authorization: `Bearer ${await tokenOf(ana)}` };
    const newest = (await (await fetch(`${url}/api/v1/notifications?limit=1`, { headers })).json()) as {
      id: string;
    }[];
    await expect
      .poll(async () => {
        const res = await fetch(`${url}/api/v1/markers?timeline[]=notifications`, { headers });
        return ((await res.json()) as { notifications?: { last_read_id: string } }).notifications
          ?.last_read_id;
      })
      .toBe(newest[0]?.id);
    await ana.reload();
    await ana.getByRole('article', { name: 'badr liked your post' }).waitFor();
    expect(await ana.getByText('New', { exact: true }).count()).toBe(0);
  });

  it('opens a hashtag from a post, follows it, and shows new tagged posts live', async () => {
    await ana.getByRole('link', { name: 'Home' }).click();
    const own = ana
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'crushing chest pain' });
    await own.getByRole('link', { name: '#MedEd' }).click();
    await ana.getByRole('heading', { level: 1, name: /^#MedEd$/i }).waitFor();
    expect(new URL(ana.url()).pathname).toMatch(/^\/tags\/meded$/i);
    await ana.getByRole('region', { name: 'Latest posts' }).getByRole('article').first().waitFor();
    await ana.getByRole('button', { name: 'Follow hashtag' }).click();
    await ana.getByRole('button', { name: 'Unfollow hashtag' }).waitFor();
    await auditScreen(ana, 'tag');

    const text = badr.getByLabel('نص المنشور');
    await text.fill('سؤال للجميع: ما أول فحص تطلبه لألم الصدر؟ #MedEd');
    await badr.getByRole('button', { name: 'انشر', exact: true }).click();
    const mine = badr.getByRole('article').filter({ hasText: 'ما أول فحص تطلبه' });
    await mine.getByRole('link', { name: '#MedEd' }).click();
    await badr.getByRole('heading', { level: 1, name: /^#MedEd$/i }).waitFor();
    await badr.getByRole('button', { name: 'تابِع الوسم' }).waitFor();
    await auditScreen(badr, 'tag');
    await badr.getByRole('link', { name: 'الرئيسية', exact: true }).click();
    await badr.getByRole('heading', { name: 'الخط الزمني الرئيسي' }).waitFor();

    const bar = ana.getByRole('button', { name: 'Show 1 new post' });
    await bar.click();
    await ana
      .getByRole('region', { name: 'Latest posts' })
      .getByRole('article')
      .filter({ hasText: 'ما أول فحص تطلبه' })
      .waitFor();
  });

  it('edits a post in place, and the reader sees the edit live', async () => {
    await ana.goto(url);
    const post = ana
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'returns tomorrow' });
    await post.getByRole('button', { name: 'Edit' }).click();
    const form = ana.getByRole('form', { name: 'Edit post' });
    const edited = form.getByLabel('Edited text');
    expect(await edited.inputValue()).toBe('Follow-up: [NAME] returns tomorrow for her echo.');
    await expect.poll(() => ana.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    await edited.fill('Follow-up: [NAME] returns next week for her echo.');
    await auditScreen(ana, 'edit');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const after = ana
      .getByRole('region', { name: 'Home timeline' })
      .getByRole('article')
      .filter({ hasText: 'returns next week' });
    // The form closes once the server has the edit (its label "Edited text" also contains
    // "edited", so wait for the form to go before looking for the post's "edited" mark).
    await form.waitFor({ state: 'detached' });
    await after.getByText('edited', { exact: true }).waitFor();
    await expect.poll(() => ana.evaluate('document.activeElement?.textContent')).toBe('Edit');

    const seen = badr
      .getByRole('region', { name: 'الخط الزمني الرئيسي' })
      .getByRole('article')
      .filter({ hasText: 'returns next week' });
    await seen.waitFor();
    expect(await badr.getByText('returns tomorrow').count()).toBe(0);
  });

  it('hides counts when asked, and deletes a post only after confirming', async () => {
    await ana.getByRole('link', { name: 'Settings' }).click();
    await ana.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await auditScreen(ana, 'settings');
    await ana.getByLabel('Hide like and boost counts').check();
    await ana.route('**/api/v1/statuses/*/bookmark', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"Unavailable"}' }),
    );
    await ana.getByRole('link', { name: 'Home' }).click();
    const feed = ana.getByRole('region', { name: 'Home timeline' });
    const liked = feed.getByRole('article').filter({ hasText: 'crushing chest pain' });
    const like = liked.getByRole('button', { name: /^Like/ });
    await like.waitFor();
    expect(await like.innerText()).toBe('Like');

    // The button answers at once and goes back when the server refuses.
    const bookmark = liked.getByRole('button', { name: 'Bookmark' });
    await bookmark.click();
    await liked.getByRole('alert').filter({ hasText: 'Something went wrong on the server' }).waitFor();
    expect(await bookmark.getAttribute('aria-pressed')).toBe('false');
    await ana.unroute('**/api/v1/statuses/*/bookmark');
    const accepted = ana.waitForResponse((r) => r.url().endsWith('/bookmark') && r.status() === 200);
    await bookmark.click();
    await accepted;
    await liked.getByRole('alert').waitFor({ state: 'detached' });
    expect(await bookmark.getAttribute('aria-pressed')).toBe('true');

    const post = feed.getByRole('article').filter({ hasText: 'returns next week' });
    await post.getByRole('button', { name: 'Delete', exact: true }).click();
    const keep = post.getByRole('button', { name: 'Keep post' });
    await keep.waitFor();
    await expect.poll(() => ana.evaluate('document.activeElement?.textContent')).toBe('Keep post');
    await auditScreen(ana, 'delete-confirm');
    await keep.click();
    expect(await post.getByRole('button', { name: 'Delete post' }).count()).toBe(0);
    await post.getByRole('button', { name: 'Delete', exact: true }).click();
    await post.getByRole('button', { name: 'Delete post' }).click();
    await post.waitFor({ state: 'detached' });
    await badr
      .getByRole('region', { name: 'الخط الزمني الرئيسي' })
      .getByRole('article')
      .filter({ hasText: 'returns next week' })
      .waitFor({ state: 'detached' });

    await badr.getByRole('link', { name: 'الإعدادات' }).click();
    await badr.getByRole('heading', { level: 1, name: 'الإعدادات' }).waitFor();
    await badr.getByLabel('إخفاء أعداد المتابِعين والمتابَعين في الملفات الشخصية').check();
    await auditScreen(badr, 'settings');
    await badr.goto(`${url}/@ana`);
    await badr.getByRole('heading', { level: 1, name: 'Ana Ruiz' }).waitFor();
    const counts = badr.getByRole('region', { name: 'Ana Ruiz' }).getByRole('listitem');
    expect(await counts.allInnerTexts()).toEqual(['منشور واحد']);
  });

  it('signs in again through the server’s pages in Arabic, right to left, after a wrong password', async () => {
    await badr.getByRole('button', { name: 'تسجيل الخروج' }).click();
    await badr.getByRole('heading', { level: 1, name: 'نتعلّم معًا، بأمان' }).waitFor();
    await badr.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await badr.getByRole('heading', { level: 1, name: 'سجّل الدخول إلى Rounds' }).waitFor();
    // The client asks for its own language (Mastodon's `lang`).
    expect(new URL(badr.url()).searchParams.get('lang')).toBe('ar');
    expect(await badr.locator('html').getAttribute('dir')).toBe('rtl');
    await auditScreen(badr, 'oauth-sign-in');

    await badr.getByLabel('البريد الإلكتروني أو اسم المستخدم').fill('badr');
    await badr.getByLabel('كلمة المرور').fill('not the password');
    await badr.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await badr
      .getByRole('alert')
      .filter({ hasText: 'البريد الإلكتروني أو اسم المستخدم أو كلمة المرور غير صحيحة.' })
      .waitFor();
    expect(await badr.locator('html').getAttribute('lang')).toBe('ar');
    expect(await badr.locator('html').getAttribute('dir')).toBe('rtl');
    await auditScreen(badr, 'oauth-sign-in-error');

    await badr.getByLabel('كلمة المرور').fill(PASSWORD);
    await badr.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await badr.getByRole('heading', { level: 1, name: 'أتسمح لـ Rounds web؟' }).waitFor();
    expect(await badr.locator('html').getAttribute('dir')).toBe('rtl');
    await badr.getByText('النشر والتعديل والحذف نيابةً عنك').waitFor();
    // Mirrored: the first button, Allow, sits at the right, Deny to its left.
    const allow = await badr.getByRole('button', { name: 'اسمح' }).boundingBox();
    const deny = await badr.getByRole('button', { name: 'ارفض' }).boundingBox();
    expect(allow && deny && allow.x > deny.x).toBe(true);
    await auditScreen(badr, 'oauth-consent');
    await badr.getByRole('button', { name: 'اسمح' }).click();
    await badr.getByRole('heading', { name: 'الخط الزمني الرئيسي' }).waitFor();
    expect(new URL(badr.url()).pathname).toBe('/');
  });
});
