import { createRestAPIClient, type mastodon } from 'masto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { listen } from '../listen.ts';
import { signUpWithMasto } from './masto-sign-up.ts';

/**
 * A tweetorial published through the Rounds API, read by an independent Mastodon client library
 * (masto 7.12) against a real listening server: the app knows nothing of tweetorials, and still
 * sees a correctly numbered self-reply thread with readable HTML and the references line.
 */
describe('masto reading a tweetorial', () => {
  let env: TestEnv;
  let url: string;
  let aliceToken: string;
  let bob: mastodon.rest.Client;
  let tweetorial: any;

  async function signUp(username: string): Promise<string> {
    return (await signUpWithMasto(url, username, 'masto tweetorial')).token;
  }

  /** The Rounds API, which masto does not know: plain fetch with the same bearer token. */
  async function rounds(method: string, path: string, body: unknown): Promise<any> {
    const res = await fetch(new URL(path, url), {
      method,
      headers: { authorization: `Bearer ${aliceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(200);
    return json;
  }

  const body = (parts: string[]) => ({
    title: 'Hyponatraemia: correct it slowly',
    objectives: ['Name the risk of rapid correction'],
    parts: parts.map((text) => ({ text })),
    references: [{ doi: '10.1056/NEJMra1404489' }, 'PMID: 24806161'],
    evidence_level: 'guideline',
    tags: ['nephrology'],
    audience: ['residents'],
    bloom_level: 'understand',
    language: 'en',
  });

  beforeAll(async () => {
    env = await createTestEnv();
    url = await listen(env);
    env.config.publicUrl = url;
    aliceToken = await signUp('alice');
    bob = createRestAPIClient({ url, accessToken: await signUp('bob') });
    tweetorial = await rounds(
      'POST',
      '/api/rounds/v1/tweetorials',
      body([
        'Sodium under 125 mmol/L with symptoms is an emergency.',
        'Give 150 mL of 3% saline over 20 minutes; repeat if needed.',
        'Raise sodium by no more than 8–10 mmol/L in the first 24 hours.',
        'Too fast risks osmotic demyelination: days later, dysarthria & quadriparesis.',
      ]),
    );
  });

  it('sees a numbered self-reply thread through the status context', async () => {
    const root = await bob.v1.statuses.$select(tweetorial.status_id).fetch();
    expect(root.url).toBe(tweetorial.url);
    expect(root.inReplyToId).toBeNull();
    expect(root.tags.map((t) => t.name)).toEqual(['nephrology']);
    const context = await bob.v1.statuses.$select(root.id).context.fetch();
    expect(context.ancestors).toEqual([]);
    const thread = [root, ...context.descendants];
    expect(thread.map((s) => s.content.match(/^<p>(\d+\/\d+) /)?.[1])).toEqual(['1/4', '2/4', '3/4', '4/4']);
    thread.slice(1).forEach((s, i) => {
      expect(s.inReplyToId).toBe(thread[i]!.id);
      expect(s.account.username).toBe('alice');
    });
    // From the last part, the whole thread is above it, in order.
    const fromLast = await bob.v1.statuses.$select(thread[3]!.id).context.fetch();
    expect(fromLast.ancestors.map((s) => s.id)).toEqual(thread.slice(0, 3).map((s) => s.id));
  });

  it('reads the title, escaped text and the references line as HTML', async () => {
    const root = await bob.v1.statuses.$select(tweetorial.status_id).fetch();
    expect(root.content).toMatch(/^<p>1\/4 Hyponatraemia: correct it slowly<\/p><p>Sodium under 125 mmol\/L/);
    expect(root.content).toContain('<a href="');
    expect(root.content).toContain('#<span>nephrology</span>');
    const line = root.content.match(/<p class="rounds-evidence">.*<\/p>$/)?.[0];
    expect(line).toBeDefined();
    expect(line).toMatch(
      /^<p class="rounds-evidence">Evidence: Guideline · <a href="https:\/\/doi\.org\/10\.1056\/nejmra1404489"/,
    );
    expect(line).toContain('>doi:10.1056/nejmra1404489</a>');
    expect(line).toContain('href="https://pubmed.ncbi.nlm.nih.gov/24806161/"');
    const last = await bob.v1.statuses.$select(tweetorial.parts[3].id).fetch();
    expect(last.content).toBe(
      '<p>4/4 Too fast risks osmotic demyelination: days later, dysarthria &amp; quadriparesis.</p>',
    );
  });

  it('sees an edit of the tweetorial as ordinary status edits, renumbered', async () => {
    await rounds(
      'PUT',
      `/api/rounds/v1/tweetorials/${tweetorial.id}`,
      body([
        'Sodium under 125 mmol/L with symptoms is an emergency.',
        'Give 150 mL of 3% saline over 20 minutes; repeat if needed.',
        'Raise sodium by no more than 8 mmol/L in the first 24 hours.',
        'Too fast risks osmotic demyelination: days later, dysarthria & quadriparesis.',
        'High-risk patients (alcohol, malnutrition, low potassium): aim lower still.',
      ]),
    );
    const context = await bob.v1.statuses.$select(tweetorial.status_id).context.fetch();
    expect(context.descendants.map((s) => s.content.match(/^<p>(\d+\/\d+) /)?.[1])).toEqual([
      '2/5',
      '3/5',
      '4/5',
      '5/5',
    ]);
    const third = context.descendants[1]!;
    expect(third.editedAt).not.toBeNull();
    const history = await bob.v1.statuses.$select(third.id).history.list();
    expect(history.map((h) => h.content.match(/^<p>(\d+\/\d+) /)?.[1])).toEqual(['3/4', '3/5']);
  });
});
