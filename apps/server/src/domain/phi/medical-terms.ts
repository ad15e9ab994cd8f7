/**
 * Words that look like names or places in clinical text but are not identifiers. Composed for
 * Rounds (see data/LICENSES.md); lower-case, space-separated to keep the module small.
 */

function words(...groups: string[]): ReadonlySet<string> {
  return new Set(groups.join(' ').split(/\s+/).filter(Boolean));
}

/** Surnames that name diseases, signs, tests, scores, instruments and procedures. */
export const EPONYMS = words(
  'addison adie adson albright alder alexander allen allis alport alvarado alzheimer amsler angelman anton apgar argyll',
  'arnold asherman asperger auer austin auspitz babcock babinski baker balthazar bankart barlow barr barre barré barrett',
  'bartholin barthel bartter barton basedow battle bazett beck becker beckwith behcet behçet bell bence bennett bentall',
  'berger bernard bezold bielschowsky billroth binet bing binswanger bishop blalock blatchford blumberg boerhaave bosniak',
  'bouchard bourneville bowen bowman braxton breslow broca brock brodie brown brudzinski brugada bruton budd buerger',
  'burkitt caldwell canavan caplan caprini carnett caroli castleman centor chaddock chadwick chagas charcot chediak',
  'cheyne chiari child christmas churg chvostek clark coats cockcroft colles conn coombs cormack corrigan councilman',
  'courvoisier cowden coxsackie creutzfeldt crigler crohn cruveilhier cullen curling cushing dandy danlos darier debakey',
  'denis dent devic digeorge dix doppler down dressler dubin dubowitz duchenne dukes dupuytren duroziez eaton ebstein',
  'edinger edwards ehlers eisenmenger ellison epley erb erdheim evans ewing fabry fallot fanconi felty finkelstein fisher',
  'fitz foley folstein fontan forrest fournier friedewald friedreich frank fridericia gaenslen galeazzi gardner garden',
  'gaucher gault gehrig ghon gilbert gitelman glanzmann glasgow gleason goldman goodpasture gordon gorlin gottron gram',
  'graves guillain guedel guthrie hageman hallpike halsted hamman hand hartmann hasselbalch hashimoto hawkins heberden',
  'hegar heller henderson henoch hering hickman higashi hill hirschsprung hodgkin hoffmann holliday holmes holter homans',
  'horner horton howell huhner hunt hunter huntington hurler hutchinson jaccoud jacksonian jakob janeway jarisch jeghers',
  'jervell jobst jones kallmann kaposi kartagener kasai kawasaki kayser kearns kehr kernig kerley kiesselbach kikuchi',
  'kaplan meier cox killian kimmelstiel klatskin kleihauer klinefelter klippel klumpke kocher koebner kohler korotkoff korsakoff krabbe',
  'krukenberg kussmaul lachman ladd lambert lange langerhans lasegue laségue leber legg lehane leigh lemierre leopold',
  'lesch letterer levine lewy lhermitte libman liddle lindau lisfranc lown ludwig lynch macintosh maddrey maffucci',
  'magill mallampati mallory marcus marfan marjolin markle maroteaux mccune mcburney mcmurray mcroberts meckel meigs',
  'meniere ménière menkes merkel merritt meyer mifflin millard miller milroy mobitz moebius monteggia morgagni moro',
  'morquio mosteller muir murphy naegleria najjar neer nelson niemann nikolsky nissen noonan norwood ober oppenheim',
  'ortolani osgood osler paget pancoast papanicolaou parinaud parkinson patau patrick pelger perthes peutz peyronie',
  'phalen pick plummer pott prader prinzmetal pugh purkinje quincke ranson rankin raynaud refsum reiter reye richter',
  'riedel riker rinne rokitansky romano romberg rosai rotor roux rovsing russell sachs salter sayre schatzki scheuermann',
  'schilling schirmer schlatter schonlein schönlein schwabach schwann schwartz segar seldinger sengstaken sezary sgarbossa',
  'shy sheehan simmonds sipple sister sjogren sjögren smith snellen sokolow soulier spetzler spurling stargardt starling',
  'stein stevens still stokes sturge swan takayasu takotsubo tanner tay teller tenckhoff thomas tietze tinel todd tolosa',
  'tourette traube treacher trendelenburg trousseau turcotte turner valsalva vinson virchow volkmann waldenstrom',
  'waldenström wallenberg wartenberg waterhouse weber wegener weiss wellens wells wenckebach wermer wernicke whipple',
  'willebrand williams willi wilms wilson winters wiskott wolff yankauer zenker zollinger zubrod',
);

/** Places that name diseases, organisms, studies, rules and classifications. */
export const PLACE_TERMS = words(
  'lyme ebola zika lassa hendra nipah hantaan coxsackie powassan bornholm minamata legionnaires framingham tecumseh',
  'bogalusa tuskegee munchausen münchausen katayama oroya sindbis semliki chikungunya oropouche mayaro junin machupo',
  'guanarito bundibugyo usutu puumala dobrava hantavirus kyasanur',
);

/** Multi-word place names that belong to a disease, organism or instrument. */
export const PLACE_PHRASES: readonly string[] = [
  'west nile',
  'rocky mountain spotted fever',
  'st. louis encephalitis',
  'st louis encephalitis',
  'japanese encephalitis',
  'rift valley fever',
  'la crosse',
  'jamestown canyon',
  'ross river',
  'murray valley',
  'sin nombre',
  'san joaquin valley fever',
  'valley fever',
  'crimean-congo',
  'spanish flu',
  'hong kong flu',
  'asian flu',
  'middle east respiratory syndrome',
  'new york heart association',
  'kansas city cardiomyopathy questionnaire',
  'ann arbor',
  'van nuys',
  'los angeles classification',
  'san francisco syncope rule',
  'seattle heart failure model',
  'mayo clinic proceedings',
  'cleveland clinic journal',
  'johns hopkins guide',
  'boston criteria',
  'duke criteria',
  'duke treadmill',
  'kings college',
  "king's college",
  'yale-brown',
  'jackson heart study',
  "nurses' health study",
  'nurses health study',
  'seven countries study',
  'women’s health initiative',
  "women's health initiative",
];

/** Countries and US states: not identifiers (Safe Harbor keeps states), though some are also names. */
export const REGIONS: readonly string[] = (
  'alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,idaho,illinois,' +
  'indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,mississippi,missouri,' +
  'montana,nebraska,nevada,new hampshire,new jersey,new mexico,north carolina,north dakota,ohio,oklahoma,oregon,' +
  'pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,utah,vermont,virginia,west virginia,' +
  'wisconsin,wyoming,united states,united kingdom,canada,mexico,brazil,argentina,chile,peru,colombia,venezuela,' +
  'ireland,england,scotland,wales,france,germany,spain,portugal,italy,greece,netherlands,belgium,switzerland,austria,' +
  'sweden,norway,denmark,finland,iceland,poland,czech republic,hungary,romania,ukraine,russia,turkey,israel,jordan,' +
  'lebanon,syria,iraq,iran,egypt,nigeria,kenya,ethiopia,ghana,south africa,india,pakistan,bangladesh,china,japan,' +
  'korea,vietnam,thailand,indonesia,philippines,malaysia,singapore,australia,new zealand,chad,niger,mali,georgia'
).split(',');

/** Drugs (generic and brand) that a name lexicon could mistake for a person. */
export const DRUGS = words(
  'abilify accupril actos adderall advair advil aldactone allegra alli amaryl ambien amoxil anoro aricept arimidex ativan',
  'augmentin avapro avastin avelox bactrim benadryl benicar biktarvy botox brilinta bystolic cardizem catapres celebrex',
  'celexa cialis cipro claritin cleocin coreg cozaar crestor cymbalta decadron deltasone depakote desyrel diflucan dilantin',
  'dilaudid diovan dulera effexor elavil eliquis enbrel entresto epogen farxiga flagyl flexeril flomax flonase fosamax',
  'gleevec glucophage glucotrol harvoni herceptin humalog humira imdur imitrex imuran invokana januvia jardiance',
  'kenalog keflex keppra keytruda klonopin lamictal lanoxin lantus lasix levaquin levemir levitra lexapro librium lipitor',
  'lisinopril lopressor lovenox lyrica medrol mobic motrin mounjaro namenda narcan neurontin nexium norco norvasc novolog',
  'opdivo ozempic paxil pepcid percocet plaquenil plavix pradaxa pravachol premarin prilosec pristiq procrit protonix',
  'prozac remicade restoril revlimid risperdal ritalin rituxan robaxin seroquel singulair soma spiriva stelara suboxone',
  'synthroid tamiflu tegretol tenormin topamax toprol toradol tradjenta trelegy tresiba tricor trulicity tylenol ultram',
  'valium valtrex vasotec ventolin viagra vicodin victoza vimpat vyvanse wegovy wellbutrin xanax xarelto xeljanz zantac',
  'zestril zetia zithromax zocor zofran zoloft zosyn zovirax zyprexa zyrtec',
  'acetaminophen albuterol allopurinol alprazolam amiodarone amlodipine amoxicillin ampicillin apixaban aspirin atenolol',
  'atorvastatin azithromycin baclofen bisoprolol budesonide bumetanide buprenorphine bupropion buspirone carvedilol',
  'cefazolin ceftriaxone cephalexin cetirizine ciprofloxacin citalopram clonazepam clonidine clopidogrel clozapine',
  'colchicine cyclophosphamide dabigatran dapagliflozin dexamethasone diazepam diclofenac digoxin diltiazem',
  'diphenhydramine donepezil doxycycline duloxetine empagliflozin enalapril enoxaparin escitalopram esomeprazole',
  'estradiol ezetimibe famotidine fentanyl finasteride fluconazole fluoxetine furosemide gabapentin glipizide haloperidol',
  'heparin hydralazine hydrochlorothiazide hydrocodone hydroxychloroquine ibuprofen insulin ipilimumab ketamine',
  'ketorolac labetalol lamotrigine levetiracetam levofloxacin levothyroxine lidocaine linezolid liraglutide lithium',
  'loratadine lorazepam losartan meloxicam memantine meropenem metformin methadone methotrexate methylprednisolone',
  'metoclopramide metoprolol metronidazole midazolam mirtazapine montelukast morphine naloxone naproxen nifedipine',
  'nitrofurantoin nitroglycerin nivolumab olanzapine omeprazole ondansetron oxycodone pantoprazole paroxetine',
  'pembrolizumab penicillin phenytoin piperacillin pravastatin prednisolone prednisone pregabalin propofol propranolol',
  'quetiapine ramipril ranitidine rifampin risperidone rituximab rivaroxaban rosuvastatin semaglutide sertraline',
  'sildenafil simvastatin sitagliptin spironolactone sumatriptan tacrolimus tamoxifen tamsulosin terbinafine tirzepatide',
  'topiramate tramadol trazodone valacyclovir valproate vancomycin venlafaxine verapamil warfarin zolpidem',
);

/**
 * Nouns that turn a preceding capitalised word into an eponym or a named instrument
 * ("Chaddock reflex", "Wells score", "Framingham Heart Study", "Crohn's disease").
 */
export const EPONYM_NOUNS = words(
  'disease diseases syndrome syndromes sign signs reflex reflexes palsy angina esophagus oesophagus lymphoma sarcoma',
  'tumor tumour tumors phenomenon diverticulum cyst fracture procedure operation maneuver manoeuvre triad pentad law',
  'node nodes ulcer thyroiditis encephalopathy encephalitis contracture criteria criterion score scores scale scales',
  'classification staging stage index rule rules formula equation method technique incision pouch duct anomaly deformity',
  'malformation membrane body bodies cell cells granules lines murmur sound paralysis dystrophy ataxia chorea dementia',
  'neuralgia neuroma gangrene hernia canal loop ligament capsule stain agar grade grading position test tests sphincter',
  'catheter tube forceps blade laryngoscope needle dilator questionnaire inventory trial trials study studies cohort',
  'registry guideline guidelines protocol protocols virus viruses fever encephalopathy chromosome model tool calculator',
  'system declaration code project heart risk coma outcome assessment examination exam state mental fibrillation',
  'mole nevus nevi spots spot nodule nodules lesion lesions vaccine toxin bacillus reaction response effect effects',
  'hypothesis principle curve sequence approach repair flap graft shunt valve anastomosis classification disorder',
  'deficiency arthritis arteritis vasculitis nephritis hepatitis thrombosis aneurysm tetralogy pentalogy variant',
  'equation nomogram algorithm pathway bundle checklist curves chart charts analysis estimator estimate plot regression',
  'hazards distribution correction test’s method’s',
);

/** Capitalised words of clinical prose that are neither names nor places. */
export const CLINICAL_WORDS = words(
  'type stage grade class phase hispanic latino latina latinx asian african american caucasian native',
  'pacific islander european indigenous jewish arab middle eastern southern northern western eastern',
  'covid sars mers hiv aids copd gerd chf cad ckd esrd aki dka hhs dvt pe mi stemi nstemi tia cva afib bph uti',
  'mrsa vre cdiff hpv hsv ebv cmv rsv tb pcos ibs ibd nafld nash als ms sle ra oa pad pvd icu picu nicu ed er or',
  'pacu ccu micu sicu ob gyn ent gi gu pt ot slp rn np pa md do pharmd phd mph dnp crna emt lpn cna',
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august',
  'september october november december spring summer autumn fall winter christmas easter thanksgiving ramadan',
  'lord god jesus allah bible covid-19 omicron delta mpox',
);

/** Hospital departments and units: "admitted to Cardiology" names no place. */
export const DEPARTMENTS = words(
  'cardiology neurology oncology hematology haematology nephrology urology pulmonology gastroenterology endocrinology',
  'rheumatology dermatology psychiatry pediatrics paediatrics obstetrics gynecology gynaecology surgery radiology',
  'orthopedics orthopaedics ophthalmology otolaryngology anesthesia anaesthesia anesthesiology infectious medicine',
  'geriatrics palliative hospice rehab rehabilitation physiotherapy pharmacy pathology emergency triage icu ccu nicu',
  'picu micu sicu ed er or pacu labor delivery l&d maternity nursery ward floor unit telemetry stepdown step-down',
  'dialysis endoscopy cath lab imaging mri ct ultrasound primary care internal family general',
);
