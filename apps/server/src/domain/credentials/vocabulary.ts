/**
 * The controlled vocabularies of credentials. Codes are stable (stored, sent by clients, and
 * used in other servers' caches of our Account entities); labels may be reworded.
 */

/** Whether a profession takes a specialty, and what else it asks for. */
export interface Profession {
  code: string;
  label: string;
  specialty: 'required' | 'optional' | 'none';
  /** Residents and students: year of training. */
  needsYear: boolean;
  /** Students: their school. */
  needsSchool: boolean;
}

export const PROFESSIONS: readonly Profession[] = [
  { code: 'physician', label: 'Physician', specialty: 'required', needsYear: false, needsSchool: false },
  { code: 'resident', label: 'Resident', specialty: 'required', needsYear: true, needsSchool: false },
  { code: 'student', label: 'Student', specialty: 'none', needsYear: true, needsSchool: true },
  { code: 'nurse', label: 'Nurse', specialty: 'optional', needsYear: false, needsSchool: false },
  { code: 'midwife', label: 'Midwife', specialty: 'none', needsYear: false, needsSchool: false },
  { code: 'pharmacist', label: 'Pharmacist', specialty: 'optional', needsYear: false, needsSchool: false },
  {
    code: 'physician_associate',
    label: 'Physician associate',
    specialty: 'optional',
    needsYear: false,
    needsSchool: false,
  },
  { code: 'dentist', label: 'Dentist', specialty: 'none', needsYear: false, needsSchool: false },
  {
    code: 'allied_health',
    label: 'Allied health professional',
    specialty: 'optional',
    needsYear: false,
    needsSchool: false,
  },
  { code: 'researcher', label: 'Researcher', specialty: 'optional', needsYear: false, needsSchool: false },
  {
    code: 'patient_advocate',
    label: 'Patient advocate',
    specialty: 'none',
    needsYear: false,
    needsSchool: false,
  },
];

export interface Specialty {
  code: string;
  label: string;
  /** The discipline the specialty belongs to (for grouping in pickers). */
  discipline: 'medicine' | 'surgery' | 'nursing' | 'pharmacy' | 'allied';
}

/** ONE list of specialties, across medicine, surgery, nursing, pharmacy and allied health. */
export const SPECIALTIES: readonly Specialty[] = [
  { code: 'allergy_immunology', label: 'Allergy and immunology', discipline: 'medicine' },
  { code: 'anaesthesiology', label: 'Anaesthesiology', discipline: 'medicine' },
  { code: 'cardiology', label: 'Cardiology', discipline: 'medicine' },
  { code: 'critical_care', label: 'Critical care medicine', discipline: 'medicine' },
  { code: 'dermatology', label: 'Dermatology', discipline: 'medicine' },
  { code: 'emergency_medicine', label: 'Emergency medicine', discipline: 'medicine' },
  { code: 'endocrinology', label: 'Endocrinology', discipline: 'medicine' },
  { code: 'family_medicine', label: 'Family medicine', discipline: 'medicine' },
  { code: 'gastroenterology', label: 'Gastroenterology', discipline: 'medicine' },
  { code: 'geriatrics', label: 'Geriatric medicine', discipline: 'medicine' },
  { code: 'haematology', label: 'Haematology', discipline: 'medicine' },
  { code: 'infectious_diseases', label: 'Infectious diseases', discipline: 'medicine' },
  { code: 'internal_medicine', label: 'Internal medicine', discipline: 'medicine' },
  { code: 'medical_genetics', label: 'Medical genetics', discipline: 'medicine' },
  { code: 'nephrology', label: 'Nephrology', discipline: 'medicine' },
  { code: 'neonatology', label: 'Neonatology', discipline: 'medicine' },
  { code: 'neurology', label: 'Neurology', discipline: 'medicine' },
  { code: 'obstetrics_gynaecology', label: 'Obstetrics and gynaecology', discipline: 'medicine' },
  { code: 'oncology', label: 'Oncology', discipline: 'medicine' },
  { code: 'ophthalmology', label: 'Ophthalmology', discipline: 'medicine' },
  { code: 'palliative_care', label: 'Palliative care', discipline: 'medicine' },
  { code: 'pathology', label: 'Pathology', discipline: 'medicine' },
  { code: 'paediatrics', label: 'Paediatrics', discipline: 'medicine' },
  { code: 'psychiatry', label: 'Psychiatry', discipline: 'medicine' },
  { code: 'public_health', label: 'Public health', discipline: 'medicine' },
  { code: 'pulmonology', label: 'Pulmonology', discipline: 'medicine' },
  { code: 'radiology', label: 'Radiology', discipline: 'medicine' },
  { code: 'rehabilitation_medicine', label: 'Rehabilitation medicine', discipline: 'medicine' },
  { code: 'rheumatology', label: 'Rheumatology', discipline: 'medicine' },
  { code: 'cardiothoracic_surgery', label: 'Cardiothoracic surgery', discipline: 'surgery' },
  { code: 'general_surgery', label: 'General surgery', discipline: 'surgery' },
  { code: 'neurosurgery', label: 'Neurosurgery', discipline: 'surgery' },
  { code: 'orthopaedic_surgery', label: 'Orthopaedic surgery', discipline: 'surgery' },
  { code: 'otolaryngology', label: 'Otolaryngology', discipline: 'surgery' },
  { code: 'plastic_surgery', label: 'Plastic surgery', discipline: 'surgery' },
  { code: 'urology', label: 'Urology', discipline: 'surgery' },
  { code: 'vascular_surgery', label: 'Vascular surgery', discipline: 'surgery' },
  { code: 'community_nursing', label: 'Community nursing', discipline: 'nursing' },
  { code: 'critical_care_nursing', label: 'Critical care nursing', discipline: 'nursing' },
  { code: 'emergency_nursing', label: 'Emergency nursing', discipline: 'nursing' },
  { code: 'mental_health_nursing', label: 'Mental health nursing', discipline: 'nursing' },
  { code: 'paediatric_nursing', label: 'Paediatric nursing', discipline: 'nursing' },
  { code: 'clinical_pharmacy', label: 'Clinical pharmacy', discipline: 'pharmacy' },
  { code: 'community_pharmacy', label: 'Community pharmacy', discipline: 'pharmacy' },
  { code: 'oncology_pharmacy', label: 'Oncology pharmacy', discipline: 'pharmacy' },
  { code: 'paramedicine', label: 'Paramedicine', discipline: 'allied' },
  { code: 'physiotherapy', label: 'Physiotherapy', discipline: 'allied' },
  { code: 'dietetics', label: 'Dietetics', discipline: 'allied' },
];

const professionsByCode = new Map(PROFESSIONS.map((p) => [p.code, p]));
const specialtiesByCode = new Map(SPECIALTIES.map((s) => [s.code, s]));

export function findProfession(code: string): Profession | null {
  return professionsByCode.get(code) ?? null;
}

export function findSpecialty(code: string): Specialty | null {
  return specialtiesByCode.get(code) ?? null;
}

/**
 * How a verified credential reads for people: "Emergency medicine physician",
 * "Paediatrics resident, year 2", "Student, University of Leeds, year 3", "Nurse".
 */
export function describeCredential(c: {
  profession: string;
  specialty: string | null;
  trainingYear: number | null;
  school: string | null;
}): string {
  const profession = findProfession(c.profession);
  const label = profession?.label ?? c.profession;
  const specialty = c.specialty ? (findSpecialty(c.specialty)?.label ?? c.specialty) : null;
  let text = specialty ? `${specialty} ${label.toLowerCase()}` : label;
  if (c.school) text += `, ${c.school}`;
  if (c.trainingYear !== null) text += `, year ${c.trainingYear}`;
  return text;
}
