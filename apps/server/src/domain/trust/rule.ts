/** One rating as the show rule reads it: helpful or not, and the rater's verified fields then. */
export interface RatingForRule {
  helpful: boolean;
  specialties: readonly string[];
}

export interface NoteTally {
  helpfulCount: number;
  notHelpfulCount: number;
  /** Distinct fields of the members who rated it helpful, sorted. */
  specialties: string[];
  shown: boolean;
}

/** The fewest different specialties among helpful raters for a note to be shown. */
export const MIN_HELPFUL_SPECIALTIES = 2;

/**
 * The show rule (docs/rounds-api.md, "Correction notes"): a note is shown when
 * 1. at least two members rated it helpful,
 * 2. their verified fields (a specialty, or the profession when the credential has none) number at
 *    least two different ones, so that two raters of different specialties agree, and
 * 3. helpful ratings outnumber not-helpful ones.
 * With (1), a single rater holding two specialties cannot satisfy (2) alone: whenever the helpful
 * raters are two or more and their fields two or more, two different raters hold two different fields.
 */
export function tallyRatings(ratings: readonly RatingForRule[]): NoteTally {
  let helpfulCount = 0;
  let notHelpfulCount = 0;
  const fields = new Set<string>();
  for (const r of ratings) {
    if (r.helpful) {
      helpfulCount++;
      for (const f of r.specialties) fields.add(f);
    } else {
      notHelpfulCount++;
    }
  }
  const specialties = [...fields].sort();
  const shown =
    helpfulCount >= 2 && specialties.length >= MIN_HELPFUL_SPECIALTIES && helpfulCount > notHelpfulCount;
  return { helpfulCount, notHelpfulCount, specialties, shown };
}
