import { z } from 'zod';
import { describeSpans, detectPhi, redactPhi } from '../../domain/phi/index.ts';
import { requireUser } from '../../mastodon/auth.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { parseWith, readBody } from '../../mastodon/params.ts';
import { limitByIp } from '../../mastodon/rate-limit.ts';

const CHECK_LIMIT_PER_MINUTE = 240;
export const zPhiCheckParams = z.object({
  text: z.string({ message: 'is required' }).max(20_000, 'is too long (at most 20,000 characters)'),
});

/** The answer (documented in /api/rounds/v1/openapi.json). */
export const zPhiCheckResult = z
  .object({
    spans: z.array(
      z.object({
        start: z.int().meta({ description: 'UTF-16 offset where the identifier starts' }),
        end: z.int().meta({ description: 'UTF-16 offset just after it' }),
        type: z.string().meta({ description: 'HIPAA Safe Harbor type (NAME, MRN, DATE, ...)' }),
        text: z.string(),
      }),
    ),
    redacted_text: z.string().meta({ description: 'The text with every span replaced by its type' }),
    message: z.string().meta({ description: 'The spans described for people; empty when none' }),
  })
  .meta({ id: 'PhiCheckResult' });

/** POST /api/rounds/v1/phi/check: the composer's as-you-type check. Stores nothing. */
export function registerPhiCheck(app: MastodonApp): void {
  app.post('/api/rounds/v1/phi/check', async (c) => {
    const me = requireUser(c, 'write:statuses');
    limitByIp(c, `phi_check:${me.account.id}`, CHECK_LIMIT_PER_MINUTE, 60_000);
    const { text } = parseWith(zPhiCheckParams, await readBody(c));
    const spans = detectPhi(text);
    return c.json<z.input<typeof zPhiCheckResult>>({
      spans: spans.map((s) => ({ start: s.start, end: s.end, type: s.type, text: s.text })),
      redacted_text: redactPhi(text, spans),
      message: describeSpans(spans),
    });
  });
}
