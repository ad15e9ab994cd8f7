import { count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { statuses, tweetorials, tweetorialVersions } from '../src/db/schema/index.ts';
import { type CallOptions, call, type Persona, type TestEnv } from './harness.ts';

export const TWEETORIALS = '/api/rounds/v1/tweetorials';

/** A valid tweetorial body; override any field. */
export function tweetorialBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Sepsis: the first hour',
    objectives: ['Recognise septic shock at the bedside', 'Start the hour-1 bundle'],
    parts: [
      { text: 'Sepsis is organ dysfunction from a dysregulated response to infection.' },
      { text: 'Measure lactate; remeasure if above 2 mmol/L.' },
      { text: 'Give 30 mL/kg crystalloid for hypotension or lactate of 4 or more.' },
    ],
    references: [{ doi: '10.1056/NEJMoa2034577' }, 'PMID: 33301246'],
    evidence_level: 'rct',
    tags: ['sepsis', '#EmergencyMedicine'],
    audience: ['residents', 'students'],
    bloom_level: 'apply',
    language: 'en',
    ...overrides,
  };
}

/** Publishes as `who`, failing the test on anything but 200; the reading view. */
export async function publish(
  env: TestEnv,
  who: Persona,
  overrides: Record<string, unknown> = {},
  opts: Omit<CallOptions, 'token' | 'body'> = {},
): Promise<any> {
  const res = await call(env, 'POST', TWEETORIALS, {
    ...opts,
    token: who.token,
    body: tweetorialBody(overrides),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** How many statuses and tweetorials (and versions) are stored: "nothing stored" checks compare these. */
export async function storedCounts(
  env: TestEnv,
  who: Persona,
): Promise<{ statuses: number; tweetorials: number; versions: number }> {
  const [s] = await env.ctx.db
    .select({ n: count() })
    .from(statuses)
    .where(eq(statuses.accountId, who.account.id));
  const [t] = await env.ctx.db
    .select({ n: count() })
    .from(tweetorials)
    .where(eq(tweetorials.accountId, who.account.id));
  const [v] = await env.ctx.db.select({ n: count() }).from(tweetorialVersions);
  return { statuses: Number(s!.n), tweetorials: Number(t!.n), versions: Number(v!.n) };
}

/** The first paragraph's text of a status's HTML, without tags. */
export function plain(html: string): string {
  return html
    .replace(/<p class="rounds-evidence">.*?<\/p>/g, '')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/p><p>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&amp;', '&')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"');
}
