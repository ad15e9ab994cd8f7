import type { BloomLevel } from '@rounds/contract';
import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.ts';
import {
  accounts,
  correctionNotes,
  type EvidenceLevel,
  favourites,
  statusEvidence,
  statuses,
  statusLabels,
  statusReferences,
  statusTags,
  tags,
  type VerifiedCredentialBadge,
} from '../../db/schema/index.ts';
import { areLinked } from '../accounts/owners.ts';
import { findSpecialty } from '../credentials/vocabulary.ts';
import { ValidationError } from '../errors.ts';
import { EVIDENCE_LEVEL_LABELS } from '../evidence/index.ts';
import { normalizeTag } from '../text/parse.ts';
import { notMutedOrBlocked, presentsBloomLevel, visibleToViewer } from '../timelines/filters.ts';
import { specialtiesOfTag, tagsOfSpecialty } from './topics.ts';

/**
 * Merit-ranked topic feeds (issue 7): for a hashtag or a specialty, the recent public posts ranked
 * by what a careful reader would weigh — evidence cited and its level, endorsements by verified
 * members of the topic's specialty, helpful correction notes and moderator labels (downward) —
 * with time decay. Follower counts and raw likes are never read. Every item says why it is there.
 * The home timeline stays chronological; this is a separate, opt-in view.
 */

/** Posts older than this are not ranked. */
export const WINDOW_DAYS = 14;
/** At most this many of the newest matching posts are ranked. */
export const MAX_CANDIDATES = 500;
/** A post's points halve every this many hours. */
export const HALF_LIFE_HOURS = 72;

/** Every post starts here, so a post with nothing else still shows, by recency. */
const BASE_POINTS = 1;
/** Citing anything at all, before the level is known. */
const CITED_POINTS = 1;
const LEVEL_POINTS: Readonly<Record<EvidenceLevel, number>> = {
  systematic_review: 4,
  rct: 3.5,
  guideline: 3,
  cohort: 2.5,
  case_control: 2,
  case_series: 1.5,
  expert_opinion: 1,
};
/** Per verified member of the topic's specialty who favourited it (at most MAX_ENDORSERS count). */
const MATCHING_ENDORSEMENT_POINTS = 2;
/** Per other verified member (a pharmacist on a cardiology post), at most MAX_ENDORSERS. */
const OTHER_VERIFIED_POINTS = 0.5;
const MAX_ENDORSERS = 5;
/** A correction note verified members rated helpful (domain/trust). */
const CORRECTION_POINTS = -6;
/** Each moderator label (misleading, outdated guidance, retracted paper). */
const LABEL_POINTS = -6;

export type RankFactor = 'base' | 'evidence' | 'endorsements' | 'correction' | 'labels' | 'recency';

export interface RankReason {
  factor: RankFactor;
  /** Points added (negative: taken away); for `recency`, the multiplier. */
  value: number;
  /** For people: "Cites 2 references; evidence level: RCT". */
  detail: string;
}

export interface RankedItem {
  statusId: string;
  score: number;
  reasons: RankReason[];
}

export type TopicInput = ({ tag: string; specialty?: undefined } | { specialty: string; tag?: undefined }) & {
  /** Only posts presenting a learning object of this Bloom level (issue 6). */
  bloomLevel?: BloomLevel | undefined;
};

export interface TopFeed {
  /** What the feed is about, as asked. */
  topic: { tag: string | null; specialty: string | null };
  /** Whose endorsements count: the topic's specialties (empty for a tag of no specialty). */
  specialties: string[];
  items: RankedItem[];
}

function topicOf(input: TopicInput): { tags: string[]; specialties: string[] } {
  if (input.specialty !== undefined) {
    const tagList = tagsOfSpecialty(input.specialty);
    if (!tagList) {
      throw new ValidationError(
        `specialty: ${input.specialty} is not a specialty code (GET /api/rounds/v1/credentials/vocabulary lists them)`,
        'specialty',
      );
    }
    return { tags: tagList, specialties: [input.specialty] };
  }
  const tag = normalizeTag(input.tag.replace(/^#/, ''));
  return { tags: [tag], specialties: specialtiesOfTag(tag) };
}

/** The newest public originals with one of `tagNames`, that the viewer may see, newest first. */
async function candidates(
  ctx: AppContext,
  viewerId: string | null,
  tagNames: string[],
  bloomLevel: BloomLevel | undefined,
  now: Date,
) {
  const since = new Date(now.getTime() - WINDOW_DAYS * 24 * 3600 * 1000);
  const conds: SQL[] = [
    sql`${statuses.visibility} = 'public'`,
    sql`${statuses.reblogOfId} is null`,
    sql`${statuses.createdAt} > ${since}`,
    sql`${statuses.id} in (select ${statusTags.statusId} from ${statusTags} join ${tags} on ${tags.id} = ${statusTags.tagId}
      where ${inArray(tags.name, tagNames)})`,
    visibleToViewer(viewerId),
  ];
  if (viewerId) conds.push(notMutedOrBlocked(viewerId, now));
  if (bloomLevel) conds.push(presentsBloomLevel(bloomLevel));
  return ctx.db
    .select({ id: statuses.id, accountId: statuses.accountId, createdAt: statuses.createdAt })
    .from(statuses)
    .where(and(...conds))
    .orderBy(sql`${statuses.id} desc`)
    .limit(MAX_CANDIDATES);
}

function isCurrent(badge: VerifiedCredentialBadge, now: Date): boolean {
  return new Date(badge.validUntil).getTime() > now.getTime();
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function hoursAgo(hours: number): string {
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${plural(Math.floor(hours), 'hour')} ago`;
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The feed's items, best first, `offset`..`offset + limit`. Ties (equal scores) go newest first.
 */
export async function topFeed(
  ctx: AppContext,
  viewerId: string | null,
  input: TopicInput,
  page: { offset: number; limit: number },
): Promise<TopFeed> {
  const topic = topicOf(input);
  const now = ctx.clock.now();
  const rows = await candidates(ctx, viewerId, topic.tags, input.bloomLevel, now);
  const ids = rows.map((r) => r.id);
  const topicSpecialties = new Set(topic.specialties);
  const items: RankedItem[] = [];
  if (ids.length > 0) {
    const [refs, levels, endorsers, notes, labels] = await Promise.all([
      ctx.db
        .select({ statusId: statusReferences.statusId, n: sql<number>`count(*)::int` })
        .from(statusReferences)
        .where(inArray(statusReferences.statusId, ids))
        .groupBy(statusReferences.statusId),
      ctx.db
        .select({ statusId: statusEvidence.statusId, level: statusEvidence.level })
        .from(statusEvidence)
        .where(inArray(statusEvidence.statusId, ids)),
      // Only favourites by accounts holding a verified credential are read at all.
      ctx.db
        .select({
          statusId: favourites.statusId,
          accountId: favourites.accountId,
          badges: accounts.verifiedCredentials,
        })
        .from(favourites)
        .innerJoin(accounts, sql`${accounts.id} = ${favourites.accountId}`)
        .innerJoin(statuses, sql`${statuses.id} = ${favourites.statusId}`)
        .where(
          and(
            inArray(favourites.statusId, ids),
            sql`jsonb_array_length(${accounts.verifiedCredentials}) > 0`,
            // The author's other account (a persona, decision 0009) endorses nothing either.
            sql`not ${areLinked(favourites.accountId, statuses.accountId)}`,
          ),
        ),
      ctx.db
        .select({ statusId: correctionNotes.statusId })
        .from(correctionNotes)
        .where(and(inArray(correctionNotes.statusId, ids), sql`${correctionNotes.shown}`)),
      ctx.db
        .select({ statusId: statusLabels.statusId, label: statusLabels.label })
        .from(statusLabels)
        .where(inArray(statusLabels.statusId, ids)),
    ]);
    const refCount = new Map(refs.map((r) => [r.statusId, r.n]));
    const levelOf = new Map(levels.map((l) => [l.statusId, l.level]));
    const corrected = new Set(notes.map((n) => n.statusId));
    const labelsOf = new Map<string, string[]>();
    for (const l of labels) labelsOf.set(l.statusId, [...(labelsOf.get(l.statusId) ?? []), l.label]);
    const endorsement = new Map<string, { matching: Set<string>; other: Set<string>; names: Set<string> }>();
    const authorOf = new Map(rows.map((r) => [r.id, r.accountId]));
    for (const e of endorsers) {
      if (authorOf.get(e.statusId) === e.accountId) continue; // one's own favourite endorses nothing
      const current = e.badges.filter((b) => isCurrent(b, now));
      if (current.length === 0) continue;
      const entry = endorsement.get(e.statusId) ?? {
        matching: new Set(),
        other: new Set(),
        names: new Set(),
      };
      const match = current.find((b) => b.specialty !== null && topicSpecialties.has(b.specialty));
      if (match) {
        entry.matching.add(e.accountId);
        entry.names.add(findSpecialty(match.specialty!)?.label ?? match.specialty!);
      } else entry.other.add(e.accountId);
      endorsement.set(e.statusId, entry);
    }

    for (const r of rows) {
      const reasons: RankReason[] = [
        { factor: 'base', value: BASE_POINTS, detail: 'Every recent post starts equal' },
      ];
      const nRefs = refCount.get(r.id) ?? 0;
      const level = levelOf.get(r.id);
      if (nRefs > 0 || level) {
        const value = level ? LEVEL_POINTS[level] : CITED_POINTS;
        const cites = nRefs > 0 ? `Cites ${plural(nRefs, 'reference')}` : 'No reference attached';
        reasons.push({
          factor: 'evidence',
          value,
          detail: level ? `${cites}; evidence level: ${EVIDENCE_LEVEL_LABELS[level]}` : cites,
        });
      }
      const e = endorsement.get(r.id);
      if (e) {
        const matching = Math.min(e.matching.size, MAX_ENDORSERS);
        const other = Math.min(e.other.size, MAX_ENDORSERS);
        const parts: string[] = [];
        if (matching) parts.push(`${plural(matching, 'verified member')} in ${[...e.names].join(', ')}`);
        if (other) parts.push(`${plural(other, 'verified member')} of other specialties`);
        reasons.push({
          factor: 'endorsements',
          value: matching * MATCHING_ENDORSEMENT_POINTS + other * OTHER_VERIFIED_POINTS,
          detail: `Endorsed (favourited) by ${parts.join(' and ')}`,
        });
      }
      if (corrected.has(r.id)) {
        reasons.push({
          factor: 'correction',
          value: CORRECTION_POINTS,
          detail: 'Verified members rated a correction note on it helpful',
        });
      }
      const postLabels = labelsOf.get(r.id);
      if (postLabels?.length) {
        reasons.push({
          factor: 'labels',
          value: LABEL_POINTS * postLabels.length,
          detail: `Labelled by moderators: ${postLabels.map((l) => l.replaceAll('_', ' ')).join(', ')}`,
        });
      }
      const points = Math.max(
        0,
        reasons.reduce((sum, x) => sum + x.value, 0),
      );
      const ageHours = Math.max(0, (now.getTime() - r.createdAt.getTime()) / 3_600_000);
      const decay = 0.5 ** (ageHours / HALF_LIFE_HOURS);
      reasons.push({
        factor: 'recency',
        value: round(decay),
        detail: `Posted ${hoursAgo(ageHours)}; points halve every ${HALF_LIFE_HOURS} hours`,
      });
      items.push({ statusId: r.id, score: round(points * decay), reasons });
    }
    // Rows come newest first and the sort is stable: equal scores stay newest first.
    items.sort((a, b) => b.score - a.score);
  }
  return {
    topic: { tag: input.tag ?? null, specialty: input.specialty ?? null },
    specialties: topic.specialties,
    items: items.slice(page.offset, page.offset + page.limit),
  };
}
