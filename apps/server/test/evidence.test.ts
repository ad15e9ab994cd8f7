import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { statuses } from '../src/db/schema/index.ts';
import { publishDueStatuses } from '../src/jobs/publish-scheduled.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from './harness.ts';
import { expectMatchesSchema } from './openapi.ts';

/** What `rounds` says about trust (domain/trust) on a post without a disclosure, note or label. */
const NO_TRUST = { disclosure: null, correction: null, labels: [] };
const NEJM = '10.1056/nejmoa2034577';
const NEJM_LINK = `<a href="https://doi.org/${NEJM}" target="_blank" rel="nofollow noopener noreferrer" translate="no">doi:${NEJM}</a>`;

async function statusCount(env: TestEnv): Promise<number> {
  const [row] = await env.ctx.db.select({ n: count() }).from(statuses);
  return row!.n;
}

/** POST /api/rounds/v1/statuses; fails the test on anything but 200. */
async function roundsPost(env: TestEnv, who: Persona, body: Record<string, unknown>) {
  const res = await call(env, 'POST', '/api/rounds/v1/statuses', { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function mastodonPost(env: TestEnv, who: Persona, body: Record<string, unknown>) {
  const res = await call(env, 'POST', '/api/v1/statuses', { token: who.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The status as `who` reads it through the Mastodon API. */
async function read(env: TestEnv, id: string, who?: Persona) {
  const res = await call(env, 'GET', `/api/v1/statuses/${id}`, { token: who?.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The evidence paragraph of a status's HTML, or null. */
function evidenceLine(content: string): string | null {
  return content.match(/<p class="rounds-evidence">.*?<\/p>$/)?.[0] ?? null;
}

describe('references recognised in posts from Mastodon apps', () => {
  let env: TestEnv;
  let bob: Persona;
  let carol: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    bob = await createPersona(env, 'bob');
    carol = await createPersona(env, 'carol');
  });

  it('finds DOIs, PMIDs and links, shows them under `rounds` and as a line in the HTML', async () => {
    const posted = await mastodonPost(env, bob, {
      status:
        'Tocilizumab in COVID pneumonia: doi:10.1056/NEJMoa2034577 (PMID: 33301246). ' +
        'Summary at https://www.nice.org.uk/guidance/ng191 #FOAMed',
    });
    const seen = await read(env, posted.id, carol);
    expect(seen.rounds).toEqual({
      evidence_level: null,
      references: [
        { type: 'doi', value: NEJM, url: `https://doi.org/${NEJM}`, source: 'text' },
        {
          type: 'pmid',
          value: '33301246',
          url: 'https://pubmed.ncbi.nlm.nih.gov/33301246/',
          source: 'text',
        },
        {
          type: 'url',
          value: 'https://www.nice.org.uk/guidance/ng191',
          url: 'https://www.nice.org.uk/guidance/ng191',
          source: 'text',
        },
      ],
      learning: [],
      ...NO_TRUST,
    });
    // Other apps show the content: the DOI and PMID are spelled out; the link is in the text already.
    expect(evidenceLine(seen.content)).toBe(
      `<p class="rounds-evidence">References: ${NEJM_LINK} · <a href="https://pubmed.ncbi.nlm.nih.gov/33301246/" target="_blank" rel="nofollow noopener noreferrer" translate="no">PMID 33301246</a></p>`,
    );
    expect(posted.rounds).toEqual(seen.rounds);
    expectMatchesSchema('Status', seen);
  });

  it('adds nothing to a post without references, and no line for a plain link', async () => {
    const plain = await mastodonPost(env, bob, { status: 'Grand rounds at noon' });
    expect(plain.rounds).toEqual({ evidence_level: null, references: [], learning: [], ...NO_TRUST });
    expect(plain.content).toBe('<p>Grand rounds at noon</p>');
    const link = await mastodonPost(env, bob, { status: 'Slides: https://example.org/slides' });
    expect(link.rounds.references).toEqual([
      { type: 'url', value: 'https://example.org/slides', url: 'https://example.org/slides', source: 'text' },
    ]);
    expect(evidenceLine(link.content)).toBeNull();
  });

  it('keeps the extension on timelines and reblogs, and every Status still matches Mastodon’s schema', async () => {
    const original = await mastodonPost(env, bob, { status: 'Read https://doi.org/10.1001/jama.2020.17023' });
    const reblog = await call(env, 'POST', `/api/v1/statuses/${original.id}/reblog`, { token: carol.token });
    expect(reblog.status).toBe(200);
    expect(reblog.body.rounds).toEqual({ evidence_level: null, references: [], learning: [], ...NO_TRUST });
    expect(reblog.body.reblog.rounds.references[0]).toMatchObject({
      type: 'doi',
      value: '10.1001/jama.2020.17023',
    });
    expectMatchesSchema('Status', reblog.body);
    const timeline = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}/statuses`, {
      token: carol.token,
    });
    expect(timeline.status).toBe(200);
    for (const s of timeline.body) {
      expectMatchesSchema('Status', s);
      expect(s.rounds).toBeDefined();
    }
    const withDoi = timeline.body.find((s: { id: string }) => s.id === original.id);
    expect(withDoi.rounds.references).toHaveLength(1);
    expect(evidenceLine(withDoi.content)).toContain('doi:10.1001/jama.2020.17023');
  });

  it('finds references again when a Mastodon app edits the text', async () => {
    const posted = await mastodonPost(env, bob, { status: 'See doi:10.1056/NEJMoa2034577' });
    const edited = await call(env, 'PUT', `/api/v1/statuses/${posted.id}`, {
      token: bob.token,
      body: { status: 'Corrected: PMID 32678530' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.rounds.references).toEqual([
      { type: 'pmid', value: '32678530', url: 'https://pubmed.ncbi.nlm.nih.gov/32678530/', source: 'text' },
    ]);
    expect(evidenceLine(edited.body.content)).not.toContain('doi:');
    expectMatchesSchema('Status', edited.body);
  });
});

describe('evidence attached through the Rounds API', () => {
  let env: TestEnv;
  let bob: Persona;
  let dan: Persona;
  beforeAll(async () => {
    env = await createTestEnv();
    bob = await createPersona(env, 'bob');
    dan = await createPersona(env, 'dan');
  });

  it('attaches references in any form and an evidence level, and shows both', async () => {
    const posted = await roundsPost(env, bob, {
      status: 'Early tocilizumab did not reduce mortality.',
      references: [
        { doi: 'https://doi.org/10.1056/NEJMoa2034577' },
        { pmid: 33301246 },
        { url: 'https://www.nice.org.uk/guidance/ng191' },
        'doi:10.1056/nejmoa2034577',
      ],
      evidence_level: 'rct',
    });
    expect(posted.rounds).toEqual({
      evidence_level: 'rct',
      references: [
        { type: 'doi', value: NEJM, url: `https://doi.org/${NEJM}`, source: 'attached' },
        {
          type: 'pmid',
          value: '33301246',
          url: 'https://pubmed.ncbi.nlm.nih.gov/33301246/',
          source: 'attached',
        },
        {
          type: 'url',
          value: 'https://www.nice.org.uk/guidance/ng191',
          url: 'https://www.nice.org.uk/guidance/ng191',
          source: 'attached',
        },
      ],
      learning: [],
      ...NO_TRUST,
    });
    const seen = await read(env, posted.id, dan);
    expect(seen.content.startsWith('<p>Early tocilizumab did not reduce mortality.</p>')).toBe(true);
    expect(evidenceLine(seen.content)).toBe(
      `<p class="rounds-evidence">Evidence: RCT · ${NEJM_LINK} · <a href="https://pubmed.ncbi.nlm.nih.gov/33301246/" target="_blank" rel="nofollow noopener noreferrer" translate="no">PMID 33301246</a> · <a href="https://www.nice.org.uk/guidance/ng191" target="_blank" rel="nofollow noopener noreferrer" translate="no">nice.org.uk/guidance/ng191</a></p>`,
    );
    expectMatchesSchema('Status', seen);
  });

  it('takes form bodies with Rails-style keys, and a level alone', async () => {
    const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      form: {
        status: 'Cohort data on statins',
        // Rails reads `references[][doi]=…&references[][pmid]=…` as ONE hash: index them, or send strings.
        'references[0][doi]': '10.1001/JAMA.2020.17023',
        'references[1][pmid]': 'PMID: 32678530',
        evidence_level: 'cohort',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rounds.evidence_level).toBe('cohort');
    expect(res.body.rounds.references.map((r: { value: string }) => r.value)).toEqual([
      '10.1001/jama.2020.17023',
      '32678530',
    ]);
    const strings = await call(env, 'POST', '/api/rounds/v1/statuses', {
      token: bob.token,
      form: { status: 'Two papers', 'references[]': 'doi:10.1056/NEJMoa2034577' },
    });
    expect(strings.status, JSON.stringify(strings.body)).toBe(200);
    expect(strings.body.rounds.references[0]).toMatchObject({ type: 'doi', value: NEJM, source: 'attached' });
    const opinion = await roundsPost(env, bob, {
      status: 'In my experience…',
      evidence_level: 'expert_opinion',
    });
    expect(opinion.rounds).toEqual({
      evidence_level: 'expert_opinion',
      references: [],
      learning: [],
      ...NO_TRUST,
    });
    expect(evidenceLine(opinion.content)).toBe('<p class="rounds-evidence">Evidence: Expert opinion</p>');
  });

  it('refuses unknown reference forms and levels with a 422 naming the field, storing nothing', async () => {
    const before = await statusCount(env);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ references: [{ doi: 'NEJMoa2034577' }] }, 'references.0.doi'],
      [{ references: [{ doi: '10.1056/x' }, { pmid: 'thirty-three' }] }, 'references.1.pmid'],
      [{ references: [{ url: 'ftp://example.org/paper.pdf' }] }, 'references.0.url'],
      [{ references: ['the NEJM trial'] }, 'references.0'],
      [{ references: [{ isbn: '978-0-19-852663-6' }] }, 'references.0'],
      [{ references: [{ doi: '10.1056/x', url: 'https://x.org' }] }, 'references.0'],
      [{ references: 'doi:10.1056/NEJMoa2034577' }, 'references'],
      [{ references: Array.from({ length: 21 }, (_, i) => `PMID: ${i + 1}`) }, 'references'],
      [{ evidence_level: 'anecdote' }, 'evidence_level'],
    ];
    for (const [extra, field] of cases) {
      const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
        token: bob.token,
        body: { status: 'Evidence check', ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.field, JSON.stringify(res.body)).toBe(field);
      expect(res.body.error.message.startsWith(`${field}:`), res.body.error.message).toBe(true);
    }
    expect(await statusCount(env)).toBe(before);
  });

  it('refuses a patient identifier in an attached link, whatever the PHI decision', async () => {
    const before = await statusCount(env);
    for (const phi of [undefined, { action: 'redact' }]) {
      const res = await call(env, 'POST', '/api/rounds/v1/statuses', {
        token: bob.token,
        body: {
          status: 'Chart review',
          references: [{ url: 'https://ehr.example.org/chart?name=Marguerite+Okafor&mrn=4471-2290' }],
          ...(phi ? { phi } : {}),
        },
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('phi_detected');
      expect(res.body.error.details.spans[0].field).toBe('references.0');
      expect(res.body.error.message).toContain('A reference cannot carry patient identifiers');
    }
    expect(await statusCount(env)).toBe(before);
  });

  it('escapes what an attached link carries in the HTML line', async () => {
    const posted = await roundsPost(env, bob, {
      status: 'Odd link',
      references: [{ url: 'https://example.org/?q="><script>alert(1)</script>' }],
    });
    expect(posted.content).not.toContain('<script');
    expect(evidenceLine(posted.content)).toContain(
      'href="https://example.org/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"',
    );
  });

  it('replaces references on edit: the text’s found again, attached ones kept unless given', async () => {
    const posted = await roundsPost(env, bob, {
      status: 'Steroids: doi:10.1056/NEJMoa2021436',
      references: [{ doi: '10.1056/NEJMoa2034577' }],
      evidence_level: 'rct',
    });
    expect(posted.edited_at).toBeNull();
    const values = (s: { rounds: { references: Array<{ value: string; source: string }> } }) =>
      s.rounds.references.map((r) => `${r.source}:${r.value}`);

    // New text, nothing said about evidence: the text's references change, the attached one and level stay.
    const text = await call(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, {
      token: bob.token,
      body: { status: 'Steroids: PMID 32678530' },
    });
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(values(text.body)).toEqual([`attached:${NEJM}`, 'text:32678530']);
    expect(text.body.rounds.evidence_level).toBe('rct');

    // A Mastodon app's edit keeps the attached evidence too.
    const viaMastodon = await call(env, 'PUT', `/api/v1/statuses/${posted.id}`, {
      token: bob.token,
      body: { status: 'Steroids, see the trial' },
    });
    expect(viaMastodon.status).toBe(200);
    expect(values(viaMastodon.body)).toEqual([`attached:${NEJM}`]);
    expect(viaMastodon.body.rounds.evidence_level).toBe('rct');

    // New attached references replace the old ones; the level can change on its own.
    const attached = await call(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, {
      token: bob.token,
      body: { references: [{ pmid: '33301246' }], evidence_level: 'systematic_review' },
    });
    expect(attached.status).toBe(200);
    expect(values(attached.body)).toEqual(['attached:33301246']);
    expect(evidenceLine(attached.body.content)).toContain('Evidence: Systematic review/meta-analysis · ');
    expect(attached.body.edited_at).not.toBeNull();

    // Removing everything removes the line.
    const cleared = await call(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, {
      token: bob.token,
      body: { references: [], evidence_level: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.rounds).toEqual({ evidence_level: null, references: [], learning: [], ...NO_TRUST });
    expect(evidenceLine(cleared.body.content)).toBeNull();
    expect((await read(env, posted.id, dan)).rounds).toEqual({
      evidence_level: null,
      references: [],
      learning: [],
      ...NO_TRUST,
    });
  });

  it('refuses a bad reference on edit and leaves the status as it was', async () => {
    const posted = await roundsPost(env, bob, { status: 'Stable', references: ['PMID: 33301246'] });
    const res = await call(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, {
      token: bob.token,
      body: { status: 'Changed', references: [{ doi: 'not-a-doi' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.field).toBe('references.0.doi');
    const seen = await read(env, posted.id, bob);
    expect(seen.content.startsWith('<p>Stable</p>')).toBe(true);
    expect(seen.rounds.references.map((r: { value: string }) => r.value)).toEqual(['33301246']);
  });

  it('lets only the author change a post’s evidence', async () => {
    const posted = await roundsPost(env, bob, { status: 'Mine', evidence_level: 'guideline' });
    const res = await call(env, 'PUT', `/api/rounds/v1/statuses/${posted.id}`, {
      token: dan.token,
      body: { evidence_level: 'expert_opinion' },
    });
    expect(res.status).toBe(404);
    expect((await read(env, posted.id, dan)).rounds.evidence_level).toBe('guideline');
  });

  it('carries attached evidence through a scheduled post', async () => {
    const at = new Date(env.clock.now().getTime() + 60 * 60 * 1000).toISOString();
    const scheduled = await roundsPost(env, bob, {
      status: 'Journal club tonight: doi:10.1001/jama.2020.17023',
      references: [{ pmid: '33301246' }],
      evidence_level: 'case_series',
      scheduled_at: at,
    });
    expect(scheduled.scheduled_at).toBe(at);
    env.clock.set(new Date(new Date(at).getTime() + 60_000));
    expect(await publishDueStatuses(env.ctx)).toEqual({ published: 1, failed: 0 });
    await env.ctx.events.idle();
    const list = await call(env, 'GET', `/api/v1/accounts/${bob.account.id}/statuses?limit=1`, {
      token: bob.token,
    });
    expect(list.body[0].rounds).toEqual({
      evidence_level: 'case_series',
      references: [
        {
          type: 'pmid',
          value: '33301246',
          url: 'https://pubmed.ncbi.nlm.nih.gov/33301246/',
          source: 'attached',
        },
        {
          type: 'doi',
          value: '10.1001/jama.2020.17023',
          url: 'https://doi.org/10.1001/jama.2020.17023',
          source: 'text',
        },
      ],
      learning: [],
      ...NO_TRUST,
    });
  });
});
