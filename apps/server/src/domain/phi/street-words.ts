/**
 * The vocabulary of addresses in the languages Rounds meets: street types and the words that
 * may sit inside an address or end it. Composed for Rounds.
 */

export const STREET_TYPES: ReadonlySet<string> = new Set(
  (
    'street st str strasse straße gasse gade gata gatan gate vej vei veien vegen vägen väg katu kuja tie tee út utca u ul ' +
    'ulica aleja rue avenue ave av avda avenida rua via viale vicolo piazza corso largo calle carrer carretera camino ' +
    'paseo plaza praça praca travessa rodovia weg laan straat steeg dreef plein kade road rd lane ln drive dr court ct ' +
    'place pl close crescent cres way boulevard blvd square sq terrace ter parkway pkwy highway hwy route rte circle cir ' +
    'trail row quay mews alley alameda tér körút rkp sor náměstí nábřeží třída trg ulitsa prospekt bulevar cesta ulice ' +
    'iela gatve tänav maantee puiestee caddesi sokak yolu postbox box quadra rúa'
  ).split(' '),
);

// USPS street suffixes that are also ordinary words ("Popović Dam", "Mathias Pass", "Isaac Lodge"):
// they make a street only after a name-like word.
export const WORD_TYPES: ReadonlySet<string> = new Set(
  (
    'bend bluff bluffs branch bridge brook brooks burg bypass camp canyon cape causeway cliff cliffs club common commons ' +
    'corner corners course courts cove coves creek crest crossing crossroad curve dale dam divide estate estates ' +
    'expressway extension falls ferry field fields flats ford fords forest forge forges fork forks freeway garden ' +
    'gardens gateway glen glens green greens grove groves harbor harbors haven heights hill hills hollow inlet island ' +
    'islands isle junction key keys knoll knolls lake lakes landing light lights loaf lock locks lodge loop mall manor ' +
    'manors meadow meadows mill mills mission motorway mount mountain mountains neck orchard oval overpass park parks ' +
    'pass passage path pike pine pines plain plains point points port ports prairie radial ramp ranch rapid rapids ' +
    'rest ridge ridges river run shoal shoals shore shores skyway spring springs spur squares station stream summit ' +
    'trace track trafficway tunnel turnpike underpass union unions valley valleys viaduct view views village villages ' +
    'ville vista walk walks wall wells'
  ).split(' '),
);

// Compound street names carry the type as a suffix: Søndergade, Koskikatu, Pohlstrasse, Nybyvägen.
export const STREET_SUFFIX =
  /(?:stra(?:ss|ß)e|gasse|gade|gata|gatan|vej|veien|vegen|vägen|katu|kuja|tie|straat|weg|laan|dreef|stræti|straeti|braut|vegur|allee|platz|damm|ufer|utca|tér|vænget|stien|bakken|toften|haven)$/iu;

/** Words that may sit inside an address without ending it. */
export const ADDRESS_WORDS: ReadonlySet<string> = new Set(
  (
    'apt apartment suite ste unit box floor fl flat room rm bldg building po p o nan de del della dei delle des du la le ' +
    'les di da do dos das der den van von z u am an im y e el los las ul str st and of corner north south east west ' +
    'n s e w ne nw se sw upper lower old new saint sainte san santa'
  ).split(' '),
);

/** Function words: an address ends where running prose resumes ("... IL 62704 after the concert"). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the after before in on at for from to with by or but if is are was were be been being it its i you he she we ' +
    'they me my your his her our their this that these those there here when where which who what please last next ' +
    'since until can could would will should may might must do does did have has had not no so as than then also just ' +
    'now serves serve arrived call called lives lived live meet send sent return returned dropped drops visit visited ' +
    'seen admitted and'
  ).split(' '),
);
