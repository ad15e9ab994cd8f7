import type { PaperPage } from '@rounds/contract';
import { listPaperCitations } from '../../domain/evidence/index.ts';
import { optionalUser } from '../../mastodon/auth.ts';
import { presentStatuses } from '../../mastodon/entities/status.ts';
import type { MastodonApp } from '../../mastodon/env.ts';
import { readPage, setLinkHeader } from '../../mastodon/pagination.ts';

/** The paper page's path; `{doi}` is the DOI URL-encoded (`10.1056%2Fnejmoa2034577`). */
export const PAPER_PATH = '/api/rounds/v1/papers/{doi}';

/**
 * GET /api/rounds/v1/papers/{doi}: the paper page. Every visible status that cites the DOI,
 * newest first, paged like the Mastodon list endpoints (max_id / since_id / min_id / limit, Link
 * header), with the count and the citations per day and week (altmetrics). Anonymous callers see
 * public and unlisted posts; a token counts when it holds read:statuses. The DOI may be written
 * any way a post may (`doi:…`, a doi.org link) and, unencoded, may span path segments.
 */
export function registerPapers(app: MastodonApp): void {
  app.get('/api/rounds/v1/papers/:doi{.+}', async (c) => {
    const me = optionalUser(c, 'read:statuses');
    const ctx = c.get('ctx');
    const viewerId = me?.account.id ?? null;
    const page = readPage(c);
    const paper = await listPaperCitations(ctx.db, viewerId, c.req.param('doi'), page, ctx.clock.now());
    const statuses = await presentStatuses(ctx, paper.ids, viewerId);
    setLinkHeader(c, paper.ids, ctx.config.publicUrl);
    const body: PaperPage = {
      doi: paper.doi,
      url: paper.url,
      count: paper.count,
      history: paper.history,
      weekly_history: paper.weeklyHistory,
      statuses: statuses as unknown as PaperPage['statuses'],
    };
    return c.json(body);
  });
}
