import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { snowflake } from '../ids.ts';
import { statuses } from './statuses.ts';

/** What a reference names: a paper by DOI, a PubMed record, or any other web page. */
export type ReferenceKind = 'doi' | 'pmid' | 'url';
/** Found in the status text, or attached explicitly through the Rounds API. */
export type ReferenceSource = 'text' | 'attached';
/** The author's grading of the evidence behind a post (issue 6). */
export type EvidenceLevel =
  | 'systematic_review'
  | 'rct'
  | 'cohort'
  | 'case_control'
  | 'case_series'
  | 'guideline'
  | 'expert_opinion';

/**
 * The references a status cites, normalised (domain/evidence): `value` is a lower-cased DOI
 * (`10.1056/nejmoa2034577`), a PMID without leading zeros, or a URL without its fragment. One row
 * per distinct reference; `position` keeps the order shown. Replaced as a whole on every edit.
 */
export const statusReferences = pgTable(
  'status_references',
  {
    statusId: snowflake('status_id')
      .notNull()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ReferenceKind>().notNull(),
    value: text('value').notNull(),
    source: text('source').$type<ReferenceSource>().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.statusId, t.kind, t.value] }),
    // The paper page: a DOI's citing statuses, newest first (decision 0008: desc nulls first).
    index('status_references_kind_value_status_id_idx').on(t.kind, t.value, t.statusId.desc().nullsFirst()),
    check('status_references_kind_check', sql`${t.kind} in ('doi', 'pmid', 'url')`),
    check('status_references_source_check', sql`${t.source} in ('text', 'attached')`),
  ],
);

/** The evidence level the author set on a status; no row when none is set. */
export const statusEvidence = pgTable(
  'status_evidence',
  {
    statusId: snowflake('status_id')
      .primaryKey()
      .references(() => statuses.id, { onDelete: 'cascade' }),
    level: text('level').$type<EvidenceLevel>().notNull(),
  },
  (t) => [
    check(
      'status_evidence_level_check',
      sql`${t.level} in ('systematic_review', 'rct', 'cohort', 'case_control', 'case_series', 'guideline', 'expert_opinion')`,
    ),
  ],
);

export type StatusReferenceRow = typeof statusReferences.$inferSelect;
