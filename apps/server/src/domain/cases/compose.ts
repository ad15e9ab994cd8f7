import type { CaseRow } from '../../db/schema/index.ts';

/**
 * The text of a case's statuses, as any Mastodon app shows them: plain paragraphs with headings,
 * hashtags last. The field limits (CASE_LIMITS in the contract) keep each within one status of
 * 5,000 characters, so a case is never split.
 */

export type CasePresentation = Pick<
  CaseRow,
  'title' | 'history' | 'examination' | 'investigations' | 'question' | 'tags'
>;

/** The case status: presentation, question, an invitation to reply, hashtags. */
export function caseStatusText(c: CasePresentation): string {
  const parts = [`Clinical case: ${c.title}`, `History:\n${c.history}`];
  if (c.examination) parts.push(`Examination:\n${c.examination}`);
  if (c.investigations) parts.push(`Investigations:\n${c.investigations}`);
  parts.push(`Question: ${c.question}`);
  parts.push('Reply with your reasoning; the answer follows in this thread.');
  if (c.tags.length > 0) parts.push(c.tags.map((t) => `#${t}`).join(' '));
  return parts.join('\n\n');
}

/** The self-reply that carries the differential poll when the case status carries images. */
export function pollStatusText(title: string): string {
  return `Differential for "${title}": vote below, then reply with your reasoning.`;
}

/** The reveal: a reply to the case with the answer and the teaching points. */
export function revealStatusText(title: string, answer: string, teachingPoints: readonly string[]): string {
  const parts = [`Case reveal: ${title}`, `Answer: ${answer}`];
  if (teachingPoints.length > 0) {
    parts.push(`Teaching points:\n${teachingPoints.map((p) => `• ${p}`).join('\n')}`);
  }
  return parts.join('\n\n');
}

/** The outcome follow-up, another reply to the case. */
export function outcomeStatusText(title: string, outcome: string): string {
  return `Case outcome: ${title}\n\n${outcome}`;
}
