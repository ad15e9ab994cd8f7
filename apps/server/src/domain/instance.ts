import { and, eq, isNull, type SQL, sql, sum } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { accounts, oauthTokens, personas, statuses, users, webSessions } from '../db/schema/index.ts';

export const STATUS_LIMITS = { maxCharacters: 5000, maxMediaAttachments: 4, charactersReservedPerUrl: 23 };

/** The server's rules (Mastodon's Rule entity); the first is why Rounds exists. */
export const INSTANCE_RULES: ReadonlyArray<{ id: string; text: string; hint: string }> = [
  {
    id: '1',
    text: 'No patient-identifiable information, ever.',
    hint: 'Names, dates, record numbers, places, photos or details that could identify a patient stay out of posts, media and profiles, even in followers-only posts, unless the patient consented and the space is closed. Rounds checks text before it is stored.',
  },
  {
    id: '2',
    text: 'Be kind; disagree with evidence.',
    hint: 'Challenge ideas, not people. Cite sources (DOI, PMID, guideline) when you correct someone, and remember learners are reading.',
  },
];

/** When the texts here (rules, extended description, privacy policy) last changed. */
export const INSTANCE_TEXTS_UPDATED_AT = new Date('2026-11-23T00:00:00Z');

/** The about page's longer text (Mastodon's ExtendedDescription), as HTML. */
export const EXTENDED_DESCRIPTION_HTML = [
  '<p>Rounds is a social learning network for the health professions: students, residents, nurses, pharmacists, allied professionals and educators learning in the open, with the tools of any Mastodon app.</p>',
  '<h2>Patient privacy comes first</h2>',
  '<p>Every post, poll, image description and profile is checked for patient identifiers before it is stored. A post that names a patient, a record number or a date of birth is refused, with the words that triggered it, so you can rewrite it.</p>',
  '<h2>No ranking by audience</h2>',
  '<p>Timelines are chronological. Trending hashtags count how many different people use a tag this week, never followers or likes.</p>',
].join('\n');

/** What Rounds stores and why, as HTML (Mastodon's PrivacyPolicy). */
export const PRIVACY_POLICY_HTML = [
  '<h1>What we store</h1>',
  '<ul>',
  '<li><strong>Your account</strong>: username, email address, display name, bio and profile fields. Your password is stored only as an Argon2id hash; app access tokens only as SHA-256 hashes.</li>',
  '<li><strong>What you post</strong>: posts, polls, uploads and their descriptions, with the audience you chose. Location and camera metadata are removed from uploads before they are stored.</li>',
  '<li><strong>Patient-privacy checks</strong>: when the check redacts text or you override it, we record who, when, where and which kinds of identifier were found, never the text itself.</li>',
  '<li><strong>Network addresses</strong> are used in memory to limit abusive request rates and are not stored.</li>',
  '</ul>',
  '<h1>Who can see it</h1>',
  '<p>Public posts are public. Followers-only posts and private mentions are shown only to their audience, but the server&#39;s operators can read everything stored on it. Do not share anything that could identify a patient.</p>',
  '<h1>Your choices</h1>',
  '<p>You can delete your posts and uploads at any time. Deleted uploads are removed from storage.</p>',
].join('\n');

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
/** Mastodon's "active in the past 4 weeks". */
const ACTIVE_WINDOW_MS = 28 * DAY_MS;
export const ACTIVITY_WEEKS = 12;

/** Local people who can sign in: approved and not disabled. */
const signInAble = and(eq(users.approved, true), eq(users.disabled, false));

/**
 * Totals for the instance pages and nodeinfo: local people who can sign in, and local posts
 * (each account's statuses_count, the number its profile shows, so the two always agree).
 */
export async function getUsageCounts(ctx: AppContext): Promise<{ users: number; statuses: number }> {
  const [u] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users).where(signInAble);
  const [s] = await ctx.db
    .select({ n: sum(accounts.statusesCount).mapWith(Number) })
    .from(accounts)
    .where(isNull(accounts.domain));
  return { users: u?.n ?? 0, statuses: s?.n ?? 0 };
}

/** `select user_id, at` of every sign-in: a token issued to a person, or a browser session. */
function signIns() {
  return sql`select ${oauthTokens.userId} as user_id, ${oauthTokens.createdAt} as at from ${oauthTokens}
      where ${oauthTokens.userId} is not null
    union all
    select ${webSessions.userId}, ${webSessions.createdAt} from ${webSessions}`;
}

/**
 * Mastodon's usage.users.active_month: local people (approved, not disabled) who, in the last 28
 * days, signed in (a new app token or browser session) or posted. Rounds does not record every
 * request, so someone who only reads with an app signed in earlier is not counted.
 */
export async function countActiveUsers(db: DbOrTx, now: Date): Promise<number> {
  const since = new Date(now.getTime() - ACTIVE_WINDOW_MS).toISOString();
  const result = await db.execute(sql`
    select count(*)::int as n from ${users}
    where ${users.approved} and not ${users.disabled}
      and (exists (select 1 from (${signIns()}) s where s.user_id = ${users.id} and s.at > ${since}::timestamptz)
        or exists (select 1 from ${statuses} where ${statuses.accountId} = ${users.accountId}
                     and ${statuses.createdAt} > ${since}::timestamptz)
        or exists (select 1 from ${personas} join ${statuses} on ${statuses.accountId} = ${personas.accountId}
                     where ${personas.userId} = ${users.id} and ${statuses.createdAt} > ${since}::timestamptz))`);
  const [row] = (result as { rows?: Array<{ n: number }> }).rows ?? [];
  return Number(row?.n ?? 0);
}

/** Monday 00:00 UTC of the week holding `at` (Mastodon's weeks begin on Monday). */
export function startOfWeek(at: Date): Date {
  const midnight = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

export interface WeekActivity {
  /** UNIX time of the week's Monday 00:00 UTC, as a string (as Mastodon sends it). */
  week: string;
  statuses: string;
  logins: string;
  registrations: string;
}

async function countsByWeek(db: DbOrTx, rowsWithAt: SQL): Promise<Map<number, number>> {
  const result = await db.execute(sql`
    select extract(epoch from date_trunc('week', t.at at time zone 'UTC'))::bigint::text as week,
           count(distinct t.key)::int as n
    from (${rowsWithAt}) t group by 1`);
  const rows = (result as { rows?: Array<{ week: string; n: number }> }).rows ?? [];
  return new Map(rows.map((r) => [Number(r.week) * 1000, Number(r.n)]));
}

/**
 * Mastodon's /api/v1/instance/activity: the last 12 weeks, this week first, each with the local
 * posts written (originals and replies, not reblogs), the people who signed in (each counted once
 * a week), and the sign-ups.
 */
export async function getWeeklyActivity(db: DbOrTx, now: Date): Promise<WeekActivity[]> {
  const thisWeek = startOfWeek(now).getTime();
  const since = new Date(thisWeek - (ACTIVITY_WEEKS - 1) * WEEK_MS).toISOString();
  const [posts, logins, registrations] = await Promise.all([
    countsByWeek(
      db,
      sql`select ${statuses.id} as key, ${statuses.createdAt} as at from ${statuses}
        join ${accounts} on ${accounts.id} = ${statuses.accountId}
        where ${accounts.domain} is null and ${statuses.reblogOfId} is null
          and ${statuses.createdAt} >= ${since}::timestamptz`,
    ),
    countsByWeek(
      db,
      sql`select s.user_id as key, s.at from (${signIns()}) s where s.at >= ${since}::timestamptz`,
    ),
    countsByWeek(
      db,
      sql`select ${users.id} as key, ${users.createdAt} as at from ${users}
        where ${users.createdAt} >= ${since}::timestamptz`,
    ),
  ]);
  return Array.from({ length: ACTIVITY_WEEKS }, (_, i) => {
    const week = thisWeek - i * WEEK_MS;
    return {
      week: String(week / 1000),
      statuses: String(posts.get(week) ?? 0),
      logins: String(logins.get(week) ?? 0),
      registrations: String(registrations.get(week) ?? 0),
    };
  });
}
