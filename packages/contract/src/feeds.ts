import { z } from 'zod';
import { zRoundsStatus } from './evidence.ts';

/** Merit-ranked topic feeds (issue 7): why each post is where it is. */
export const RANK_FACTORS = ['base', 'evidence', 'endorsements', 'correction', 'labels', 'recency'] as const;

export const zRankReason = z
  .object({
    factor: z.enum(RANK_FACTORS),
    value: z
      .number()
      .meta({ description: 'Points added (negative: taken away); for `recency`, the multiplier' }),
    detail: z.string().meta({ description: 'The reason in words' }),
  })
  .meta({ id: 'RankReason' });

export const zTopFeed = z
  .object({
    topic: z.object({ tag: z.string().nullable(), specialty: z.string().nullable() }),
    specialties: z
      .array(z.string())
      .meta({ description: 'Specialty codes whose verified members’ favourites count as endorsements' }),
    not_counted: z.array(z.string()).meta({ description: 'What the ranking deliberately ignores' }),
    items: z.array(
      z.object({
        status: zRoundsStatus,
        score: z.number().meta({ description: '(sum of the points, at least 0) × recency' }),
        reasons: z.array(zRankReason),
      }),
    ),
  })
  .meta({ id: 'TopFeed' });
export type TopFeedEntity = z.output<typeof zTopFeed>;
