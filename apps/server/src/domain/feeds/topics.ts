import { findSpecialty, SPECIALTIES } from '../credentials/vocabulary.ts';

/**
 * Which specialties a topic belongs to, so the merit feed knows whose endorsement counts: a
 * cardiologist's favourite on an #ECG post is an endorsement, a stranger's is a like. Each
 * specialty owns its code written as a hashtag (`emergencymedicine`) and the tags its community
 * uses; a tag may belong to several specialties (#POCUS: emergency and critical care).
 */
const TOPIC_TAGS: Record<string, readonly string[]> = {
  anaesthesiology: ['anesthesia', 'anaesthesia', 'anesthesiology', 'airway'],
  cardiology: ['cardio', 'cardiotwitter', 'ecg', 'ekg', 'heartfailure', 'afib', 'echo'],
  critical_care: ['icu', 'critcare', 'sepsis', 'pocus', 'ventilation', 'foamcc'],
  dermatology: ['derm', 'dermtwitter'],
  emergency_medicine: ['foamed', 'foamem', 'emergency', 'pocus', 'emtwitter', 'sepsis'],
  endocrinology: ['diabetes', 'endotwitter', 'thyroid', 'dka'],
  gastroenterology: ['gitwitter', 'ibd', 'hepatology', 'liver'],
  haematology: ['hematology', 'anticoagulation', 'anemia', 'anaemia'],
  infectious_diseases: ['idtwitter', 'antibiotics', 'amr', 'hiv', 'covid19'],
  internal_medicine: ['meded', 'medtwitter', 'im', 'hospitalmedicine'],
  nephrology: ['nephtwitter', 'aki', 'ckd', 'dialysis', 'hyperkalaemia', 'hyperkalemia'],
  neurology: ['neurotwitter', 'stroke', 'epilepsy'],
  obstetrics_gynaecology: ['obgyn', 'obstetrics', 'midwifery', 'pregnancy'],
  oncology: ['oncotwitter', 'cancer', 'immunotherapy'],
  paediatrics: ['pediatrics', 'peds', 'pedstwitter'],
  psychiatry: ['psychtwitter', 'mentalhealth', 'depression'],
  pulmonology: ['pulmtwitter', 'copd', 'asthma'],
  radiology: ['radtwitter', 'imaging', 'ct', 'mri'],
  clinical_pharmacy: ['pharmacy', 'pharmacology', 'deprescribing', 'antibiotics'],
  emergency_nursing: ['ernurse', 'triage', 'foamed'],
  critical_care_nursing: ['icunurse', 'sepsis'],
};

/** A specialty code as a hashtag: `emergency_medicine` → `emergencymedicine`. */
function codeTag(code: string): string {
  return code.replaceAll('_', '');
}

const tagSpecialties = new Map<string, Set<string>>();
for (const s of SPECIALTIES) {
  for (const tag of [codeTag(s.code), ...(TOPIC_TAGS[s.code] ?? [])]) {
    const set = tagSpecialties.get(tag) ?? new Set<string>();
    set.add(s.code);
    tagSpecialties.set(tag, set);
  }
}

/** The specialties a hashtag (any case, with or without #) belongs to; empty when none. */
export function specialtiesOfTag(tag: string): string[] {
  return [...(tagSpecialties.get(tag.replace(/^#/, '').toLowerCase()) ?? [])];
}

/** The hashtags of a specialty's feed; null for an unknown specialty. */
export function tagsOfSpecialty(code: string): string[] | null {
  const specialty = findSpecialty(code);
  if (!specialty) return null;
  return [codeTag(specialty.code), ...(TOPIC_TAGS[specialty.code] ?? [])];
}
