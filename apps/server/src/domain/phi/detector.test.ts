import { describe, expect, it } from 'vitest';
import { describeSpans, detectPhi, type PhiType, redactPhi } from './index.ts';

/** The (type, text) pairs found in a text, for compact assertions. */
function found(text: string): Array<[PhiType, string]> {
  return detectPhi(text).map((s) => [s.type, s.text]);
}

function expectFlagged(text: string, value: string, type?: PhiType): void {
  const spans = detectPhi(text);
  const at = text.indexOf(value);
  const hit = spans.find((s) => s.start <= at && s.end >= at + value.length);
  expect(hit, `${value} in ${JSON.stringify(text)} (found ${JSON.stringify(found(text))})`).toBeDefined();
  if (type) expect(hit?.type).toBe(type);
}

function expectClean(text: string): void {
  expect(found(text), text).toEqual([]);
}

describe('names', () => {
  it('finds names with titles, initials and known first names', () => {
    expectFlagged('Referred by Dr. A. Barnes for follow-up.', 'Dr. A. Barnes', 'NAME');
    expectFlagged('Can I start lisinopril in David S., who has CKD?', 'David S.', 'NAME');
    expectFlagged('Marguerite Okafor was seen today for dyspnoea.', 'Marguerite Okafor', 'NAME');
    expectFlagged('For my take on Mrs. Labrie, see the chart.', 'Mrs. Labrie', 'NAME');
    expectFlagged('Patient named Jenna R. admitted overnight.', 'Jenna R.', 'NAME');
    expectFlagged('My name is Akinori and I have a question.', 'Akinori', 'NAME');
  });

  it('finds foreign names by their shape and people listed together', () => {
    expectFlagged('They had 6: Gaetane, Hannah, Anthony, Derek, Anna and Andrew.', 'Gaetane');
    expectFlagged('Usamov and Bowers were precision engineers.', 'Usamov');
    expectFlagged('Follow up with Sigrid Nyström in a couple of months.', 'Sigrid Nyström');
  });

  it('leaves eponyms, signs and scores alone', () => {
    expectClean("Family history of Parkinson's; now a Crohn's flare treated with budesonide.");
    expectClean("Graves' disease on methimazole; Hashimoto's is the opposite story.");
    expectClean("Classic Murphy's sign; check McBurney's point too.");
    expectClean('Glasgow Coma Scale 14, Apgar 8 and 9, Wells score of 6, Gleason 7.');
    expectClean('Babinski sign positive; Romberg positive; Chaddock reflex present.');
    expectClean('Guillain-Barré syndrome after Campylobacter; Stevens-Johnson syndrome after lamotrigine.');
    expectClean("Lou Gehrig’s disease and a family history of Alzheimer's.");
    expectClean('Kaplan-Meier curves diverged at 6 months; Cox model HR 0.78.');
    expectClean('Hodgkin lymphoma vs non-Hodgkin: Reed-Sternberg cells are key. Ranson criteria or BISAP?');
    expectClean("Trousseau's sign after thyroidectomy; the Epley maneuver for BPPV; Child-Pugh class B.");
  });

  it('finds hyphenated names and names after titles without a full stop', () => {
    expectFlagged("Pt: Mary-Ann O'Connor, DOB 3/7/1948.", "Mary-Ann O'Connor", 'NAME');
    expectFlagged('Mr Okonkwo (94 y/o) from Tulsa, seen by Dr Priya Raman.', 'Dr Priya Raman', 'NAME');
    expectFlagged('Mr Okonkwo (94 y/o) from Tulsa, seen by Dr Priya Raman.', 'Mr Okonkwo', 'NAME');
  });

  it('leaves drugs and clinicians talking about "the patient" alone', () => {
    expectClean('Started Eliquis 5 mg BID; Xarelto 20 mg daily is an alternative; Keytruda for melanoma.');
    expectClean('Humira versus Remicade for ulcerative colitis? Ozempic or Wegovy with a BMI of 38?');
    expectClean('The patient is a 67-year-old man with COPD. The patient denies chest pain.');
    expectClean('Case: elderly woman with fever, cough and hypoxia. CXR shows RLL consolidation. What next?');
    expectClean('Will this change practice? Mark the date: Grand Rounds on sepsis.');
  });
});

describe('places', () => {
  it('finds street addresses, cities and ZIP codes', () => {
    expectFlagged(
      'Lives at 123 Maple Street, Chicago, IL with her daughter.',
      '123 Maple Street, Chicago, IL',
      'GEOGRAPHIC_LOCATION',
    );
    expectFlagged('Male from Brooklyn with asthma.', 'Brooklyn', 'GEOGRAPHIC_LOCATION');
    expectFlagged('Patient who lives in zip code 94103 with migraines.', '94103', 'GEOGRAPHIC_LOCATION');
    expectFlagged(
      'Send it to 6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677',
      '6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677',
    );
  });

  it('finds named hospitals and clinics', () => {
    expectFlagged('Seen at Lakeside Clinic on Monday.', 'Lakeside Clinic', 'GEOGRAPHIC_LOCATION');
    expectFlagged("Admitted to St. Luke's Medical Center overnight.", "St. Luke's Medical Center");
    expectFlagged(
      'Seen at Johns Hopkins Hospital, Baltimore for a second opinion.',
      'Johns Hopkins Hospital, Baltimore',
    );
    expectFlagged('Visited our Newport office for follow-up.', 'Newport office');
  });

  it('leaves diseases and studies named after places, and institutions cited as sources, alone', () => {
    expectClean('Lyme disease vs West Nile virus vs Ebola: a quick tweetorial on zoonoses.');
    expectClean(
      'Framingham Risk Score and the Ottawa ankle rules; Rocky Mountain spotted fever in North Carolina.',
    );
    expectClean('Mayo Clinic guidelines recommend screening at 45. A Johns Hopkins study agreed.');
    expectClean('NYHA class III heart failure; Bristol stool chart type 6; Rome IV criteria met.');
    expectClean('Which antibiotics for Lyme carditis in a 40-year-old from Connecticut?');
  });
});

describe('dates and ages', () => {
  it('finds dates more specific than a year', () => {
    for (const d of [
      'March 5th, 2021',
      '02/14/2023',
      '2023-04-25',
      '12th April 2022',
      "Jan 15 '23",
      'April 2023',
      '17-Feb-2023',
    ]) {
      expectFlagged(`Admitted on ${d} with chest pain.`, d, 'DATE');
    }
    expectFlagged('Date: 1970-09-29 20:21:24\nName: X', '1970-09-29 20:21:24', 'DATE');
    // a sentence's full stop is not part of the date, and two dates stay two spans
    expect(found('Seen on Friday 14 March. Then Sept. 5, 2023.')).toEqual([
      ['DATE', 'Friday 14 March'],
      ['DATE', 'Sept. 5, 2023'],
    ]);
  });

  it('leaves years, relative dates and ratios alone', () => {
    expectClean('Diagnosed in 2021 and seen last week; BP 120/80, INR 2.0-3.0, 2/3 of patients improved.');
  });

  it('finds ages over 89 only', () => {
    expectFlagged('A 92-year-old woman with syncope.', '92-year-old', 'AGE_OVER_89');
    expectFlagged('Patient aged 95 with hip fracture.', '95', 'AGE_OVER_89');
    expectClean('An 89-year-old man and a 45yo woman with COPD.');
  });
});

describe('contact details and identifiers', () => {
  it('finds phone, fax and e-mail', () => {
    expectFlagged('Call her at (555) 678-1234 after 5.', '(555) 678-1234', 'PHONE_NUMBER');
    expectFlagged('Mobile: +44 20 7946 0958', '+44 20 7946 0958', 'PHONE_NUMBER');
    expectFlagged('Please fax records to 987-654-3210.', '987-654-3210', 'FAX_NUMBER');
    expectFlagged('Email her case details to jane.e@example.com.', 'jane.e@example.com', 'EMAIL_ADDRESS');
  });

  it('types identifiers by their label', () => {
    expectFlagged('(SSN: 123-45-6789)', '123-45-6789', 'SOCIAL_SECURITY_NUMBER');
    expectFlagged('seen at UCSF (MRN: #SF-998877)?', '#SF-998877', 'MEDICAL_RECORD_NUMBER');
    expectFlagged('with a medical record number MS-12345678?', 'MS-12345678', 'MEDICAL_RECORD_NUMBER');
    expectFlagged('her insurance ID is HX-223344.', 'HX-223344', 'HEALTH_PLAN_BENEFICIARY_NUMBER');
    expectFlagged('(Policy No: 789-456-123)', '789-456-123', 'HEALTH_PLAN_BENEFICIARY_NUMBER');
    expectFlagged('Medicare ID 1EG4-TE5-MK73 on file', '1EG4-TE5-MK73', 'HEALTH_PLAN_BENEFICIARY_NUMBER');
    expectFlagged('with his account number BA-98765432?', 'BA-98765432', 'ACCOUNT_NUMBER');
    expectFlagged('card 4111 1111 1111 1111 was charged', '4111 1111 1111 1111', 'ACCOUNT_NUMBER');
    expectFlagged('(License No: CLN-112233)', 'CLN-112233', 'CERTIFICATE_LICENSE_NUMBER');
    expectFlagged('VIN 1HGCM82633A004352 in the crash report', '1HGCM82633A004352', 'VEHICLE_IDENTIFIER');
    expectFlagged('pacemaker serial number PM-4471-2290 checked', 'PM-4471-2290', 'DEVICE_IDENTIFIER');
    expectFlagged('(Patient ID: ABCD1234)', 'Patient ID: ABCD1234', 'UNIQUE_IDENTIFIER');
    expectFlagged('reference his notes on case #JH-998877.', 'case #JH-998877', 'UNIQUE_IDENTIFIER');
  });

  it('finds record links and IP addresses but not citations', () => {
    expectFlagged(
      'Chart: https://mychart.example-health.org/patient/4471',
      'https://mychart.example-health.org/patient/4471',
      'URL',
    );
    expectFlagged('keep getting address 172.61.42.192 blocked', '172.61.42.192', 'IP_ADDRESS');
    expectClean(
      'New paper https://www.nejm.org/doi/full/10.1056/NEJMoa2034577 and PMID: 33301246, doi:10.1001/jama.2020.1585.',
    );
    expectClean(
      'See https://litfl.com/wellens-syndrome-ecg-library/ and https://pubmed.ncbi.nlm.nih.gov/33301246/',
    );
  });

  it('leaves hashtags, handles and doses alone', () => {
    expectClean('Great thread by @drsmith and @carol@rounds.example on #POCUS #MedEd #ASRASpring24.');
    expectClean('Vancomycin 15 mg/kg q12h, target AUC 400-600; CHA2DS2-VASc 4, HAS-BLED 2.');
  });
});

describe('detectPhi output', () => {
  it('returns sorted, non-overlapping spans with UTF-16 offsets', () => {
    const text = '🩺 Jane Doe (MRN: 4471-2290) seen 03/15/2022 at Mercy Hospital, call 555-123-4567.';
    const spans = detectPhi(text);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(spans.map((s) => s.type)).toEqual([
      'NAME',
      'MEDICAL_RECORD_NUMBER',
      'DATE',
      'GEOGRAPHIC_LOCATION',
      'PHONE_NUMBER',
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(detectPhi('')).toEqual([]);
  });
});

describe('redactPhi and describeSpans', () => {
  const text = 'Marguerite Okafor, MRN 4471-2290, seen 03/15/2022.';

  it('replaces each span with a readable placeholder', () => {
    expect(redactPhi(text)).toBe('[NAME], MRN [MRN], seen [DATE].');
  });

  it('uses the spans it is given', () => {
    expect(redactPhi(text, [])).toBe(text);
  });

  it('describes spans in one line', () => {
    expect(describeSpans(detectPhi(text))).toBe(
      "Possible patient identifiers: name 'Marguerite Okafor', MRN '4471-2290', date '03/15/2022'",
    );
    expect(describeSpans([])).toBe('No patient identifiers found.');
  });
});
