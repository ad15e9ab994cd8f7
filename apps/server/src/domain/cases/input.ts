import { type BloomLevel, CASE_LIMITS, type CaseConsent, type CaseVisibility } from '@rounds/contract';
import type { AccountRow } from '../../db/schema/index.ts';
import { ValidationError } from '../errors.ts';
import { normalizeDescription } from '../media/index.ts';
import { refuseIdentifiers } from '../phi/gate.ts';
import { type PollInput, type PreparedPoll, preparePoll } from '../polls/input.ts';
import { isValidTagName } from '../text/parse.ts';

/** One image of a case: an upload of the author's, with alt text given here or at upload. */
export interface CaseMediaInput {
  id: string;
  description?: string | undefined;
}

export interface CreateCaseInput {
  title: string;
  history: string;
  examination?: string | undefined;
  investigations?: string | undefined;
  question: string;
  /** Images with their alt text (`media`), ... */
  media?: readonly CaseMediaInput[] | undefined;
  /** ... or uploads that already carry alt text (`media_ids`); not both. */
  mediaIds?: readonly string[] | undefined;
  consent?: CaseConsent | undefined;
  poll?: PollInput | undefined;
  tags?: readonly string[] | undefined;
  bloomLevel: BloomLevel;
  visibility?: CaseVisibility | undefined;
  sensitive?: boolean | undefined;
  language?: string | undefined;
  answer?: string | undefined;
  teachingPoints?: readonly string[] | undefined;
  /** ISO 8601; the reveal job posts the answer then. */
  revealAt?: string | undefined;
}

/** An image as the case will attach it; `field` names it in errors (`media.0`, `media_ids.1`). */
export interface PreparedCaseMedia {
  id: string;
  description: string | null;
  field: string;
}

/** A case that passed every check and the PHI guard, ready to store. */
export interface PreparedCase {
  title: string;
  history: string;
  examination: string;
  investigations: string;
  question: string;
  media: PreparedCaseMedia[];
  consent: CaseConsent | null;
  poll: PollInput | null;
  preparedPoll: PreparedPoll | null;
  tags: string[];
  bloomLevel: BloomLevel;
  answer: string | null;
  teachingPoints: string[];
  revealAt: Date | null;
}

/** Text as stored: line endings normalised, NULs dropped, trimmed. */
export function cleanCaseText(text: string | undefined | null): string {
  return (text ?? '').replaceAll('\u0000', '').replace(/\r\n?/g, '\n').trim();
}

function requireText(field: string, value: string, max: number): string {
  const text = cleanCaseText(value);
  if (text === '') throw new ValidationError(`${field}: is required`, field);
  return limitText(field, text, max);
}

function limitText(field: string, text: string, max: number): string {
  if (text.length > max) {
    throw new ValidationError(
      `${field}: is too long (${text.length} characters; at most ${max.toLocaleString('en')})`,
      field,
    );
  }
  return text;
}

export function prepareTeachingPoints(points: readonly string[] | undefined): string[] {
  const list = (points ?? []).map(cleanCaseText).filter((p) => p !== '');
  if (list.length > CASE_LIMITS.teachingPoints) {
    throw new ValidationError(
      `teaching_points: at most ${CASE_LIMITS.teachingPoints} teaching points (${list.length} given)`,
      'teaching_points',
    );
  }
  return list.map((p, i) => limitText(`teaching_points.${i}`, p, CASE_LIMITS.teachingPoint));
}

export function prepareAnswer(answer: string | undefined): string | null {
  const text = cleanCaseText(answer);
  return text === '' ? null : limitText('answer', text, CASE_LIMITS.answer);
}

function prepareMedia(input: CreateCaseInput): PreparedCaseMedia[] {
  const media = input.media ?? [];
  const ids = (input.mediaIds ?? []).filter((id) => id.trim() !== '');
  if (media.length > 0 && ids.length > 0) {
    throw new ValidationError(
      'media: give the images either as media (with alt text) or as media_ids, not both',
      'media',
    );
  }
  const list: PreparedCaseMedia[] =
    media.length > 0
      ? media.map((m, i) => ({
          id: String(m.id),
          description: describe(`media.${i}.description`, m.description),
          field: `media.${i}`,
        }))
      : ids.map((id, i) => ({ id: id.trim(), description: null, field: `media_ids.${i}` }));
  if (list.length > CASE_LIMITS.media) {
    throw new ValidationError(`media: a case can have at most ${CASE_LIMITS.media} images`, 'media');
  }
  const seen = new Set<string>();
  for (const m of list) {
    if (seen.has(m.id)) throw new ValidationError(`${m.field}: media ${m.id} is listed twice`, m.field);
    seen.add(m.id);
  }
  return list;
}

function describe(field: string, value: string | undefined): string | null {
  try {
    return normalizeDescription(value);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.message.replace(/^description:/, `${field}:`), field);
    }
    throw error;
  }
}

/** Reads `reveal_at`: a moment in the future, at most a year ahead, with an answer to reveal. */
function prepareRevealAt(raw: string | undefined, answer: string | null, now: Date): Date | null {
  if (raw === undefined || raw.trim() === '') return null;
  const at = new Date(raw.trim());
  if (Number.isNaN(at.getTime())) {
    throw new ValidationError(
      'reveal_at: must be an ISO 8601 date and time such as 2026-12-01T09:30:00Z',
      'reveal_at',
    );
  }
  if (at.getTime() <= now.getTime()) {
    throw new ValidationError(
      `reveal_at: must be in the future (it is ${now.toISOString()} now); to reveal now, post the case and reveal it`,
      'reveal_at',
    );
  }
  if (at.getTime() > now.getTime() + CASE_LIMITS.revealAheadMs) {
    throw new ValidationError('reveal_at: can be at most a year ahead', 'reveal_at');
  }
  if (answer === null) {
    throw new ValidationError(
      'answer: is required when reveal_at schedules the reveal (it is kept hidden until then)',
      'answer',
    );
  }
  return at;
}

function consentMessage(): string {
  return (
    'consent: a case with images needs a consent attestation: send consent "patient_consent_obtained" ' +
    '(the patient consented to sharing these images) or "no_identifiable_features" (nothing in them ' +
    'identifies the patient)'
  );
}

/**
 * The PHI guard over every field of a case at once. Cases take no redaction or override: any
 * identifier refuses the whole request (422 `phi_detected`, each span naming its field, and the
 * message saying which fields), so nothing is stored.
 */
export function guardCaseFields(
  fields: Record<string, string>,
  author: Pick<AccountRow, 'displayName' | 'username'>,
): void {
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
  refuseIdentifiers(
    present,
    author,
    (where) =>
      `Found in ${where}. Remove them: a case is never posted with patient identifiers (the suggested redaction is in details.redacted).`,
  );
}

/**
 * Checks a new case (beyond the shapes the route validated): images with alt text and the
 * consent attestation they need, the differential poll against the poll limits (2 to 4
 * options), the reveal time, the answer. Then runs the PHI guard over every field: title,
 * presentation, question, poll options, hashtags, alt text, answer and teaching points. Throws
 * before anything is stored.
 */
export function prepareCase(
  input: CreateCaseInput,
  author: Pick<AccountRow, 'displayName' | 'username'>,
  now: Date,
): PreparedCase {
  const title = requireText('title', input.title, CASE_LIMITS.title);
  const history = requireText('history', input.history, CASE_LIMITS.history);
  const examination = limitText('examination', cleanCaseText(input.examination), CASE_LIMITS.examination);
  const investigations = limitText(
    'investigations',
    cleanCaseText(input.investigations),
    CASE_LIMITS.investigations,
  );
  const question = requireText('question', input.question, CASE_LIMITS.question);
  const media = prepareMedia(input);
  if (media.length > 0 && !input.consent) throw new ValidationError(consentMessage(), 'consent');
  const preparedPoll = input.poll ? preparePoll(input.poll, now) : null;
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim().replace(/^#/, '')).filter((t) => t))];
  if (tags.length > CASE_LIMITS.tags) {
    throw new ValidationError(`tags: at most ${CASE_LIMITS.tags} hashtags`, 'tags');
  }
  for (const [i, tag] of tags.entries()) {
    if (!isValidTagName(tag) || tag.length > CASE_LIMITS.tagLength) {
      throw new ValidationError(
        `tags.${i}: must be a hashtag of at most ${CASE_LIMITS.tagLength} letters, digits and _`,
        `tags.${i}`,
      );
    }
  }
  const answer = prepareAnswer(input.answer);
  const teachingPoints = prepareTeachingPoints(input.teachingPoints);
  const revealAt = prepareRevealAt(input.revealAt, answer, now);

  const fields: Record<string, string> = { title, history, examination, investigations, question };
  for (const [i, option] of (preparedPoll?.options ?? []).entries()) fields[`poll.options.${i}`] = option;
  for (const [i, tag] of tags.entries()) fields[`tags.${i}`] = `#${tag}`;
  for (const m of media) if (m.description) fields[`${m.field}.description`] = m.description;
  fields.answer = answer ?? '';
  for (const [i, point] of teachingPoints.entries()) fields[`teaching_points.${i}`] = point;
  guardCaseFields(fields, author);

  return {
    title,
    history,
    examination,
    investigations,
    question,
    media,
    consent: input.consent ?? null,
    poll: preparedPoll && input.poll ? { ...input.poll, options: preparedPoll.options } : null,
    preparedPoll,
    tags,
    bloomLevel: input.bloomLevel,
    answer,
    teachingPoints,
    revealAt,
  };
}
