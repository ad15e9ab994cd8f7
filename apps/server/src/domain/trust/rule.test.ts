import { describe, expect, it } from 'vitest';
import { tallyRatings } from './rule.ts';

const helpful = (...specialties: string[]) => ({ helpful: true, specialties });
const notHelpful = (...specialties: string[]) => ({ helpful: false, specialties });

describe('the show rule for correction notes', () => {
  it('needs two raters whose specialties differ', () => {
    expect(tallyRatings([]).shown).toBe(false);
    expect(tallyRatings([helpful('emergency_medicine')]).shown).toBe(false);
    expect(tallyRatings([helpful('emergency_medicine'), helpful('emergency_medicine')]).shown).toBe(false);
    expect(tallyRatings([helpful('emergency_medicine'), helpful('pharmacist')])).toEqual({
      helpfulCount: 2,
      notHelpfulCount: 0,
      specialties: ['emergency_medicine', 'pharmacist'],
      shown: true,
    });
  });

  it('does not let one rater with two specialties agree with themselves', () => {
    expect(tallyRatings([helpful('emergency_medicine', 'critical_care')]).shown).toBe(false);
    // With a second rater, the two fields belong to two different people.
    expect(
      tallyRatings([helpful('emergency_medicine', 'critical_care'), helpful('emergency_medicine')]).shown,
    ).toBe(true);
  });

  it('needs helpful ratings to outnumber not-helpful ones', () => {
    const two = [helpful('emergency_medicine'), helpful('pharmacist')];
    expect(tallyRatings([...two, notHelpful('cardiology')]).shown).toBe(true);
    expect(tallyRatings([...two, notHelpful('cardiology'), notHelpful('cardiology')]).shown).toBe(false);
    // Not-helpful raters' specialties do not count towards the two.
    expect(tallyRatings([helpful('a'), helpful('a'), notHelpful('b')]).specialties).toEqual(['a']);
  });
});
