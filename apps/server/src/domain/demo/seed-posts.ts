import type { Visibility } from '../../db/schema/index.ts';
import type { PersonaName } from './seed-content.ts';

/** The demo posts, follows, favourites and reblogs that `seedPosts` writes, in order. */
export interface SeedPost {
  key?: string;
  by: PersonaName;
  text: string;
  to?: string;
  quote?: string;
  visibility?: Visibility;
  cw?: string;
}

// NOTE: teaching content only. No patient names, dates, record numbers, places or ages: the same
// rule the PHI guard enforces for real posts.
export const THREAD: SeedPost[] = [
  {
    key: 't1',
    by: 'bob',
    text: '🧵 1/5 Lung ultrasound for breathlessness in five minutes. A thread for residents starting in the ED. #POCUS #MedEd',
  },
  {
    key: 't2',
    by: 'bob',
    to: 't1',
    text: '2/5 Probe and settings: curvilinear or phased array, lung preset, depth around 15 cm. Start anteriorly, marker to the head, and find the bat sign: two ribs with the pleural line between them.',
  },
  {
    key: 't3',
    by: 'bob',
    to: 't2',
    text: '3/5 Lung sliding is the shimmer of the pleural line with breathing. Sliding at a spot rules out pneumothorax at that spot. Absent sliding alone is not diagnostic: think mainstem intubation, apnoea, adhesions. #POCUS',
  },
  {
    key: 't4',
    by: 'bob',
    to: 't3',
    text: '4/5 A-lines are reverberations from normally aerated lung. Three or more B-lines in one rib space are abnormal; diffuse bilateral B-lines suggest interstitial oedema, focal ones pneumonia or contusion.',
  },
  {
    key: 't5',
    by: 'bob',
    to: 't4',
    text: '5/5 Put it together with the BLUE protocol. Ultrasound augments the history and exam, never replaces them. Scan every normal lung you can so the abnormal stands out. Questions welcome! #POCUS #MedEd #FOAMed',
  },
];

export const POSTS: SeedPost[] = [
  {
    key: 'welcome',
    by: 'mo',
    text: 'Welcome to Rounds! Community rule number one: never post anything that could identify a patient. No names, dates, record numbers or photos with identifiers. #CommunityGuidelines',
  },
  { by: 'alice', to: 'welcome', text: 'Thanks @mo, a good reminder for all of us.' },
  {
    key: 'nightfloat',
    by: 'alice',
    text: 'Night float survival tip: write your to-do list by system, not by bed. It stops the 3 a.m. panic of forgetting a potassium recheck. #MedEd #Residency',
  },
  {
    by: 'carol',
    to: 'nightfloat',
    text: 'Same on the nursing side: time-critical tasks at the top, crossed off as you go. It keeps the whole team calm.',
  },
  {
    key: 'fast',
    by: 'bob',
    text: 'Reminder: the FAST exam looks for free fluid, not organ injury. A negative FAST does not exclude solid organ injury in a stable trauma patient. #POCUS #EmergencyMedicine',
  },
  {
    key: 'labels',
    by: 'carol',
    text: 'ICU tip: label every line at the connector, not only at the pump. Tracing lines at 2 a.m. is how errors happen. #PatientSafety #Nursing',
  },
  {
    key: 'pressor',
    by: 'dan',
    text: "Question I'm too shy to ask on rounds: how do you decide between another fluid bolus and starting a vasopressor? #MedStudent #MedEd",
  },
  {
    key: 'tank',
    by: 'bob',
    to: 'pressor',
    text: '@dan Great question. Is the problem the tank, the pump or the pipes? Fluids fill an empty tank; pressors treat dilated pipes. Ultrasound helps you tell them apart. #POCUS',
  },
  {
    by: 'alice',
    to: 'pressor',
    text: '@dan And reassess after every intervention. The answer changes as the patient responds.',
  },
  { by: 'dan', to: 'tank', text: '@bob That framework finally makes it click. Thank you!' },
  {
    by: 'alice',
    text: 'Today I learned: in normal anion gap acidosis, the urine anion gap separates GI bicarbonate loss from renal tubular acidosis. #Nephrology #MedEd',
  },
  {
    by: 'bob',
    text: 'Teaching shift tip: ask the learner for the plan before the history. You learn what they think matters. #MedEd',
  },
  {
    key: 'sbar',
    by: 'carol',
    text: 'Handover is a procedure. SBAR plus a read-back for high-alert infusions has cut our near-misses. #PatientSafety #Nursing',
  },
  {
    key: 'mnemonic',
    by: 'dan',
    text: "Made flashcards for causes of a raised anion gap. Anyone have a mnemonic that isn't MUDPILES? #MedStudent",
  },
  {
    key: 'goldmark',
    by: 'alice',
    to: 'mnemonic',
    text: '@dan I use GOLDMARK: glycols, oxoproline, L-lactate, D-lactate, methanol, aspirin, renal failure, ketoacidosis.',
  },
  { by: 'dan', to: 'goldmark', text: '@alice GOLDMARK is going straight into my deck.' },
  {
    by: 'bob',
    text: 'Arrest teaching point: an ultrasound pulse check must fit inside the 10-second pause. Record a clip and review it once compressions resume. #POCUS #Resus',
  },
  {
    by: 'carol',
    text: 'Central line dressings: chlorhexidine scrub for 30 seconds, then let it dry completely. The drying is the step everyone rushes. #InfectionControl #Nursing',
  },
  {
    by: 'mo',
    text: 'Tip: use content warnings for graphic clinical images and for topics such as loss or burnout. It lets colleagues choose when to engage.',
  },
  {
    key: 'ivc',
    by: 'alice',
    text: 'For the #POCUS crowd: how many supervised scans did it take before you trusted your own IVC assessment?',
  },
  {
    by: 'bob',
    to: 'ivc',
    text: '@alice More than I would like to admit. And IVC size alone predicts fluid responsiveness poorly: pair it with the clinical picture.',
  },
  {
    key: 'triad',
    by: 'bob',
    text: "Why do we still teach the 'classic triad' of anything? Most people present with one or two features. Teach base rates instead. #MedEd #ClinicalReasoning",
  },
  {
    by: 'dan',
    text: 'First parasternal long axis view on my own during the #POCUS elective. Watching the mitral valve open was so satisfying.',
  },
  {
    by: 'alice',
    text: 'Journal club this week: balanced crystalloids versus saline in critical illness. Bring your take on the absolute risk differences. #JournalClub #CriticalCare',
  },
  {
    by: 'carol',
    text: 'New grads: it is always OK to ask for an independent double check on insulin and heparin infusions. Always. #Nursing #MedEd',
  },
  {
    key: 'quiz',
    by: 'bob',
    text: 'Case quiz: hypotension, a plethoric IVC and a small hyperdynamic left ventricle. What is on your differential? #POCUS #MedEd',
  },
  {
    by: 'bob',
    to: 'quiz',
    text: 'Answer: think tamponade, tension pneumothorax and massive PE before more fluid. Look at the pericardium and the right ventricle next. #POCUS #Resus',
  },
  {
    by: 'dan',
    to: 'quiz',
    text: 'Tamponade was my first thought. Would the right ventricle collapse in diastole?',
  },
  { by: 'alice', text: "'No acute distress' is not an exam finding. Describe what you see. #MedEd" },
  {
    key: 'slow',
    by: 'dan',
    text: 'Is it normal to feel slow on the wards? Everyone else seems to write notes twice as fast. #MedStudent',
  },
  {
    by: 'carol',
    to: 'slow',
    text: '@dan Completely normal. Speed comes from pattern recognition, which comes from repetition. Be kind to yourself.',
  },
  {
    by: 'bob',
    to: 'slow',
    text: '@dan Every attending you admire felt exactly the same. Accuracy first; speed follows.',
  },
  {
    key: 'sim',
    by: 'bob',
    text: 'Simulation debriefs we run: reactions, analysis, summary. Keep it psychologically safe and about the system, not the person. #SimEd #MedEd',
  },
  {
    key: 'simreply',
    by: 'carol',
    to: 'sim',
    text: 'We use the same structure for nursing sims. Could we run an interprofessional one with your residents? @bob',
  },
  {
    by: 'bob',
    to: 'simreply',
    text: "@carol Let's do it. Interprofessional sims are where the real teamwork lessons happen. #SimEd",
  },
  {
    by: 'alice',
    text: 'Started using the one-minute preceptor with students: get a commitment, probe the reasoning, teach a general rule, reinforce what went right, correct mistakes. #MedEd #Teaching',
  },
  {
    by: 'mo',
    text: 'Credential badges show role and specialty, not expertise on every topic. Cite your sources, especially for clinical claims. #FOAMed',
  },
  {
    key: 'aline',
    by: 'carol',
    text: 'Teaching session on arterial line waveforms tomorrow: overdamped vs underdamped traces and the fast-flush test. #CriticalCare #Nursing',
  },
  {
    key: 'aline2',
    by: 'alice',
    to: 'aline',
    text: 'Can residents join? I still find the fast-flush test confusing.',
  },
  { by: 'carol', to: 'aline2', text: '@alice Absolutely, everyone is welcome.' },
  {
    by: 'dan',
    text: "Study tip: explain each concept out loud to an imaginary first-year. If I can't, I don't understand it yet. #MedEd #MedStudent",
  },
  {
    by: 'alice',
    text: 'Chronic hyponatraemia: correct by no more than 8 to 10 mmol/L in 24 hours. Osmotic demyelination is a preventable harm. #Nephrology #MedEd',
  },
  {
    by: 'bob',
    text: 'Procedural sedation with ketamine: have suction ready, warn about emergence reactions, and follow your local protocol for dosing. #EmergencyMedicine',
  },
  {
    by: 'carol',
    text: 'Our unit started a five-minute safety huddle at shift change. Early days, but people speak up more. #PatientSafety',
  },
  {
    by: 'mo',
    text: 'Our journal club tag is #JournalClub: follow it to catch the weekly discussions across time zones.',
  },
  {
    by: 'alice',
    visibility: 'private',
    text: "Anyone on the residents' team free to swap Saturday's shift? Followers only: rota chat doesn't belong in public.",
  },
  {
    by: 'bob',
    text: "Feedback that teaches is specific and timely. Not 'good job' but 'your closed-loop communication kept the arrest on time'. #MedEd",
  },
  {
    by: 'dan',
    text: 'Today on the wards I learned the difference between knowing a fact and knowing when it matters. #MedStudent',
  },
  {
    by: 'alice',
    cw: 'Burnout',
    text: 'Finished my first month as a senior resident. The hardest skill is not medicine; it is prioritising eleven tasks with four pages waiting. #Residency',
  },
  {
    by: 'carol',
    text: 'Pressure injury prevention is a team sport. Turning schedules work only when the whole shift owns them. #Nursing',
  },
  {
    by: 'alice',
    quote: 'fast',
    text: 'Worth pairing with the CT decision rules for stable patients. #POCUS',
  },
  { by: 'dan', quote: 't1', text: 'The thread I wish I had on day one of my elective. #POCUS' },
];

export const THREAD_REPLIES: SeedPost[] = [
  {
    key: 'msmode',
    by: 'alice',
    to: 't3',
    text: '@bob Really useful. Does M-mode help when sliding is subtle?',
  },
  {
    by: 'bob',
    to: 'msmode',
    text: '@alice Yes: seashore sign with sliding, barcode sign without. Confirm in 2D and look for a lung point.',
  },
  { by: 'dan', to: 't5', text: 'Saving this whole thread for my #POCUS elective. Thank you!' },
];

export const FOLLOWS: Array<[PersonaName, PersonaName]> = [
  ['alice', 'bob'],
  ['alice', 'carol'],
  ['bob', 'alice'],
  ['bob', 'carol'],
  ['carol', 'alice'],
  ['carol', 'bob'],
  ['dan', 'alice'],
  ['dan', 'bob'],
  ['dan', 'carol'],
  ['mo', 'alice'],
  ['mo', 'bob'],
  ['mo', 'carol'],
  ['mo', 'dan'],
];

export const FAVOURITES: Array<[PersonaName, string]> = [
  ['alice', 't1'],
  ['carol', 't1'],
  ['dan', 't1'],
  ['dan', 't5'],
  ['alice', 'fast'],
  ['dan', 'tank'],
  ['bob', 'labels'],
  ['alice', 'sbar'],
  ['bob', 'nightfloat'],
  ['dan', 'goldmark'],
  ['carol', 'triad'],
  ['alice', 'welcome'],
];

export const REBLOGS: Array<[PersonaName, string]> = [
  ['alice', 't1'],
  ['dan', 't1'],
  ['carol', 'welcome'],
  ['alice', 'sbar'],
  ['bob', 'labels'],
];
