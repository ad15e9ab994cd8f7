import type { Token } from './tokens.ts';
import type { Candidate, PhiType } from './types.ts';

/**
 * Identifiers announced by a label: "MRN: 4471-2290", "insurance ID is HX-223344", "fax records to
 * 987-654-3210". The label decides the type; the value only has to look like an identifier.
 */

interface LabelRule {
  type: PhiType;
  label: string;
  value: 'id' | 'phone' | 'digits';
  /** Report the label with the value: for generic ids the label is what makes them identifying. */
  includeLabel?: boolean;
}

const NO = String.raw`(?:number|num|nbr|no\.?|#|id)`;

const RULES: LabelRule[] = [
  {
    type: 'SOCIAL_SECURITY_NUMBER',
    value: 'id',
    label: String.raw`ssn|ss#|social\s+security(?:\s+${NO})?|social\s+sec\.?(?:\s+${NO})?`,
  },
  {
    type: 'MEDICAL_RECORD_NUMBER',
    value: 'id',
    label: String.raw`mrn|mr#|med(?:ical)?\.?\s?rec(?:ord)?s?\.?(?:\s?${NO})?|medical\s+records?(?:\s+${NO})?|emr|ehr(?:\s+id)?|chart\s+${NO}|records?(?:\s+${NO})?|hospital\s+${NO}|patient\s+(?:number|no\.?)|unit\s+number`,
  },
  {
    type: 'HEALTH_PLAN_BENEFICIARY_NUMBER',
    value: 'id',
    label: [
      String.raw`(?:health\s+)?insurance(?:\s+(?:plan|policy|member|subscriber|group|card))?(?:\s+${NO})*`,
      String.raw`ins\.?(?:\s+(?:plan|policy|card))?(?:\s+${NO})*`,
      String.raw`insurer(?:\s+${NO})?`,
      String.raw`policy(?:\s+${NO})?`,
      String.raw`health\s+plan(?:\s+(?:beneficiary\s+)?${NO})?`,
      String.raw`plan\s+${NO}`,
      String.raw`hicn|mbi|medicare(?:\s+${NO})?|medicaid(?:\s+${NO})?`,
      String.raw`(?:member|subscriber|beneficiary|group)\s+${NO}`,
      String.raw`(?:hmo|ppo|bcbs|health)\s+id`,
    ].join('|'),
  },
  {
    type: 'ACCOUNT_NUMBER',
    value: 'digits',
    label: String.raw`(?:bank\s+|billing\s+|checking\s+|savings\s+|patient\s+)?account(?:\s+${NO})?|acct\.?(?:\s+${NO})?|(?:credit\s+|debit\s+)?card(?:\s+${NO})?|cc|iban`,
  },
  {
    type: 'CERTIFICATE_LICENSE_NUMBER',
    value: 'id',
    label: String.raw`(?:driver'?s?\s+|drivers\s+|medical\s+|nursing\s+|professional\s+|state\s+)?licen[cs]e(?:\s+${NO})?|dl(?:\s+${NO})?|dea(?:\s+${NO})?|npi(?:\s+${NO})?|certificate(?:\s+${NO})?|certification\s+${NO}|permit\s+${NO}`,
  },
  {
    type: 'DEVICE_IDENTIFIER',
    value: 'id',
    label: String.raw`device(?:\s+(?:serial|model))?(?:\s+${NO})?|serial(?:\s+${NO})?|s\/n|udi|imei|implant\s+(?:serial|${NO})|(?:pacemaker|icd|defibrillator|pump|stimulator|implant)\s+(?:serial|model)(?:\s+${NO})?|lot\s+${NO}|model\s+${NO}`,
  },
  {
    type: 'VEHICLE_IDENTIFIER',
    value: 'id',
    label: String.raw`vin|vehicle(?:\s+identification)?(?:\s+${NO})?|licen[cs]e\s+plate(?:\s+${NO})?|(?:number|registration|reg\.?)\s+plate|plate\s+${NO}|registration\s+${NO}`,
  },
  {
    type: 'UNIQUE_IDENTIFIER',
    value: 'id',
    includeLabel: true,
    label: String.raw`(?:patient|pt|subject|study|site|case|encounter|visit|accession|specimen|sample|claim|reference|ref\.?|client|employee|student|badge|order|requisition|confirmation|tracking|biometric|participant)\s*(?:id|identifier|number|num|no\.?|#|code)|id\s*(?:#|number|no\.?)|case\s*#|id(?=\s*:)`,
  },
  {
    type: 'FAX_NUMBER',
    value: 'phone',
    label: String.raw`fax(?:\s+${NO})?(?:\s+(?:\w+\s+){0,3}to)?|facsimile`,
  },
  {
    type: 'PHONE_NUMBER',
    value: 'phone',
    label: String.raw`(?:tele)?phone(?:\s+${NO})?|tel\.?|ph\.?|cell(?:\s+phone)?|mobile(?:\s+phone)?|contact(?:\s+(?:number|no\.?|info|details|phone))?|call(?:\s+(?:me|him|her|us|them))?\s+(?:at|on)|reach(?:\s+(?:me|him|her|us|them))?\s+at|pager|beeper|desk|home|work|office|text(?:\s+(?:me|him|her))?\s+at|answering\s+at|messages\s+to|registered|whatsapp`,
  },
];

// Words and marks between a label and its value: "MRN is", "Policy No:", "Insurance#:".
const GAP = String.raw`(?:[\s:=.,-]|\((?!\d)|#(?![A-Za-z0-9])|\b(?:is|was|number|no|num|nbr|of)\b){0,10}`;

// The words labels of each type start with: a rule none of whose words occurs in the text is skipped.
const HINT_WORDS: Record<string, string> = {
  SOCIAL_SECURITY_NUMBER: 'ssn ss social',
  MEDICAL_RECORD_NUMBER: 'mrn mr med medical emr ehr chart record records hospital patient unit',
  HEALTH_PLAN_BENEFICIARY_NUMBER:
    'health insurance ins insurer policy plan hicn mbi medicare medicaid member subscriber beneficiary group hmo ppo bcbs',
  ACCOUNT_NUMBER: 'bank billing checking savings patient account acct credit debit card cc iban',
  CERTIFICATE_LICENSE_NUMBER:
    'driver drivers medical nursing professional state license licence dl dea npi certificate certification permit',
  DEVICE_IDENTIFIER: 'device serial udi imei implant pacemaker icd defibrillator pump stimulator lot model',
  VEHICLE_IDENTIFIER: 'vin vehicle license licence number registration reg plate',
  UNIQUE_IDENTIFIER:
    'patient pt subject study site case encounter visit accession specimen sample claim reference ref client employee student badge order requisition confirmation tracking biometric participant id',
  FAX_NUMBER: 'fax facsimile',
  PHONE_NUMBER:
    'phone telephone tel ph cell mobile contact call reach pager beeper desk home work office text answering messages registered whatsapp',
};
const TRAILING_WORDS = new Set(['office', 'fax', 'mobile', 'cell', 'home', 'work']);

const HINTS = new Map<string, number>();
const COMPILED = RULES.map((rule, index) => ({
  rule,
  bit: 1 << index,
  // Sticky: tried only at the tokens that can start a label, never scanned across the text.
  re: new RegExp(`(?:${rule.label})${GAP}`, 'iuy'),
}));

const ID_VALUE = /#?[A-Za-z0-9](?:[A-Za-z0-9]|[-./](?=[A-Za-z0-9]))*/y;
const PHONE_VALUE = /\+?(?:\(\d{1,4}\)\s?)?\d[\d().\- ]{3,22}\d(?:\s?(?:x|ext\.?)\s?\d{1,5})?/iy;
// A number with a word after it that says what it is: "655 437 108 office", "+46 (0)8 928 571 38 fax".
const TRAILING_KIND =
  /(?<![\w+])(\+?(?:\(\d{1,4}\)\s?)?\d[\d().\- ]{4,22}\d)(?=\s?-?\s?(office|fax|mobile|cell|home|work)\b)/gi;

const YEAR = /^(?:19|20)\d\d$/;

function acceptValue(value: string, kind: LabelRule['value']): boolean {
  const digits = value.replace(/\D/g, '').length;
  if (kind === 'phone') return digits >= 6 && digits <= 16;
  if (kind === 'digits') return digits >= 6 || (digits >= 4 && /[A-Za-z]/.test(value));
  if (digits === 0 || value.replace(/^#/, '').length < 3) return false;
  // "record 2021" and "since 2019" name a year, not a record.
  return !YEAR.test(value);
}

for (const { rule, bit } of COMPILED) {
  for (const w of (HINT_WORDS[rule.type] ?? '').split(' ')) HINTS.set(w, (HINTS.get(w) ?? 0) | bit);
}

export function findLabelled(tokens: readonly Token[], text: string, out: Candidate[]): void {
  // Every labelled value has digits: a text without three of them has no labelled identifier.
  let digits = 0;
  let trailing = false;
  for (const t of tokens) {
    if (t.kind === 'num') digits += t.text.length;
    else if (t.kind === 'word' && TRAILING_WORDS.has(t.lower)) trailing = true;
  }
  if (digits < 3) return;
  const done = new Array<number>(COMPILED.length).fill(0);
  for (const t of tokens) {
    const bits = t.kind === 'word' ? (HINTS.get(t.lower) ?? 0) : 0;
    if (bits === 0) continue;
    for (let r = 0; r < COMPILED.length; r++) {
      const { rule, bit, re } = COMPILED[r] as (typeof COMPILED)[number];
      // one label per rule at a time: "medical record number" is not tried again at "record"
      if ((bits & bit) === 0 || t.start < (done[r] ?? 0)) continue;
      re.lastIndex = t.start;
      const m = re.exec(text);
      if (!m) continue;
      const valueRe = rule.value === 'phone' ? PHONE_VALUE : ID_VALUE;
      valueRe.lastIndex = re.lastIndex;
      const v = valueRe.exec(text);
      if (!v || !acceptValue(v[0], rule.value)) continue;
      let end = v.index + v[0].length;
      if (rule.value === 'phone') end = v.index + v[0].trimEnd().length;
      const start = rule.includeLabel ? m.index : v.index;
      out.push({ start, end, type: rule.type, priority: 5 });
      done[r] = end;
    }
  }
  TRAILING_KIND.lastIndex = trailing ? 0 : text.length;
  for (let m = TRAILING_KIND.exec(text); m; m = TRAILING_KIND.exec(text)) {
    const num = m[1] ?? '';
    const digits = num.replace(/\D/g, '').length;
    if (digits < 6 || digits > 16) continue;
    const type: PhiType = (m[2] ?? '').toLowerCase() === 'fax' ? 'FAX_NUMBER' : 'PHONE_NUMBER';
    out.push({ start: m.index, end: m.index + num.length, type, priority: 4 });
  }
}
