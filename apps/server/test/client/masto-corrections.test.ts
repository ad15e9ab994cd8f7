import { createRestAPIClient } from 'masto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedMember, createVerifier, ok } from '../corrections-fixtures.ts';
import { call, createPersona, createTestEnv, type Persona, type TestEnv } from '../harness.ts';
import { listen } from '../listen.ts';

/**
 * What another Mastodon app sees of a peer correction note (issue 7 acceptance): masto 7.12 against
 * a listening server reads the shown note's text on a reblog, knowing nothing of `rounds`.
 */
describe('a Mastodon client sees a correction note on a reblog', () => {
  let env: TestEnv;
  let url: string;
  let alice: Persona;
  let dan: Persona;
  let carol: Persona;
  let statusId: string;

  const NOTE = 'CRASH-3 found no overall mortality benefit of tranexamic acid in traumatic brain injury.';

  beforeAll(async () => {
    env = await createTestEnv();
    url = await listen(env);
    const vera = await createVerifier(env);
    alice = await createPersona(env, 'alice');
    dan = await createPersona(env, 'dan');
    carol = await createPersona(env, 'carol');
    const bob = await createVerifiedMember(env, vera, 'bob', 'emergency_medicine');
    const erin = await createVerifiedMember(env, vera, 'erin', 'neurosurgery');
    const frank = await createVerifiedMember(env, vera, 'frank', 'clinical_pharmacy', 'pharmacist');

    const mastoAlice = createRestAPIClient({ url, accessToken: alice.token });
    statusId = (await mastoAlice.v1.statuses.create({ status: 'TXA saves lives in every head injury.' })).id;
    const note = await ok(env, 'POST', `/api/rounds/v1/statuses/${statusId}/corrections`, bob, {
      text: NOTE,
      sources: [{ doi: '10.1016/S0140-6736(19)32233-0' }],
    });
    for (const rater of [erin, frank]) {
      const res = await call(env, 'POST', `/api/rounds/v1/corrections/${note.id}/rating`, {
        token: rater.token,
        body: { helpful: true },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });

  it('reblogged by someone they follow, on the home timeline and fetched by id', async () => {
    const mastoDan = createRestAPIClient({ url, accessToken: dan.token });
    const mastoCarol = createRestAPIClient({ url, accessToken: carol.token });
    await mastoCarol.v1.accounts.$select(dan.account.id).follow();
    const reblog = await mastoDan.v1.statuses.$select(statusId).reblog();
    expect(reblog.reblog?.id).toBe(statusId);

    const home = await mastoCarol.v1.timelines.home.list({ limit: 20 });
    const item = home.find((s) => s.id === reblog.id);
    expect(item?.reblog?.content).toContain(`Correction note: ${NOTE}`);
    expect(item?.reblog?.content).toContain('doi:10.1016/s0140-6736(19)32233-0');

    const fetched = await mastoCarol.v1.statuses.$select(reblog.id).fetch();
    expect(fetched.reblog?.content).toContain(`<p class="rounds-correction">Correction note: ${NOTE}`);
    expect(fetched.reblog?.content).toContain(
      'rated helpful by verified members in Clinical pharmacy and Neurosurgery',
    );
  });
});
