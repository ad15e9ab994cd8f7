/**
 * Links a learning network lives on: journals, indexes, guideline bodies and open teaching sites.
 * A URL on one of these hosts (or any subdomain) is a citation, never a patient's record.
 */
const CITATION_HOSTS = [
  // indexes and identifiers
  'doi.org',
  'dx.doi.org',
  'pubmed.ncbi.nlm.nih.gov',
  'ncbi.nlm.nih.gov',
  'nlm.nih.gov',
  'europepmc.org',
  'clinicaltrials.gov',
  'isrctn.com',
  'who.int',
  'scholar.google.com',
  'semanticscholar.org',
  'arxiv.org',
  'medrxiv.org',
  'biorxiv.org',
  'researchgate.net',
  'orcid.org',
  'crossref.org',
  'cochranelibrary.com',
  'cochrane.org',
  // journals and publishers
  'nejm.org',
  'thelancet.com',
  'jamanetwork.com',
  'bmj.com',
  'nature.com',
  'science.org',
  'cell.com',
  'sciencedirect.com',
  'springer.com',
  'link.springer.com',
  'wiley.com',
  'onlinelibrary.wiley.com',
  'tandfonline.com',
  'sagepub.com',
  'journals.lww.com',
  'lww.com',
  'oup.com',
  'academic.oup.com',
  'ahajournals.org',
  'atsjournals.org',
  'acpjournals.org',
  'annals.org',
  'plos.org',
  'journals.plos.org',
  'frontiersin.org',
  'mdpi.com',
  'biomedcentral.com',
  'cureus.com',
  'karger.com',
  'thieme-connect.com',
  'jacc.org',
  'onlinejacc.org',
  'diabetesjournals.org',
  'aafp.org',
  'ajronline.org',
  'pubs.rsna.org',
  'rsna.org',
  'mayoclinicproceedings.org',
  'ccjm.org',
  'cmaj.ca',
  'mja.com.au',
  'emj.bmj.com',
  'annemergmed.com',
  'chestnet.org',
  'journal.chestnet.org',
  'gastrojournal.org',
  'kidney-international.org',
  'jasn.asnjournals.org',
  'asnjournals.org',
  'hopkinsmedicine.org',
  // guidelines and public health
  'cdc.gov',
  'nih.gov',
  'fda.gov',
  'ahrq.gov',
  'cms.gov',
  'hhs.gov',
  'uspreventiveservicestaskforce.org',
  'nice.org.uk',
  'sign.ac.uk',
  'nhs.uk',
  'ema.europa.eu',
  'ecdc.europa.eu',
  'escardio.org',
  'acc.org',
  'heart.org',
  'diabetes.org',
  'kdigo.org',
  'goldcopd.org',
  'ginasthma.org',
  'idsociety.org',
  'acog.org',
  'aap.org',
  'publications.aap.org',
  'rheumatology.org',
  'eular.org',
  'nccn.org',
  'asco.org',
  'esmo.org',
  'sccm.org',
  'survivingsepsis.org',
  'resus.org.uk',
  'ilcor.org',
  'asahq.org',
  'acep.org',
  'acponline.org',
  'aan.com',
  'thoracic.org',
  'ersnet.org',
  'aasld.org',
  'gastro.org',
  'auanet.org',
  'idsa.org',
  'uptodate.com',
  'dynamed.com',
  'medscape.com',
  'emedicine.medscape.com',
  'merckmanuals.com',
  'msdmanuals.com',
  'drugs.com',
  'dailymed.nlm.nih.gov',
  'medlineplus.gov',
  'mdcalc.com',
  'statpearls.com',
  // open teaching sites (#FOAMed)
  'litfl.com',
  'radiopaedia.org',
  'emcrit.org',
  'rebelem.com',
  'aliem.com',
  'stemlynsblog.org',
  'first10em.com',
  'emdocs.net',
  'pulmcrit.org',
  'thennt.com',
  'wikem.org',
  'dontforgetthebubbles.com',
  'ecgweekly.com',
  'thepocusatlas.com',
  'pocus101.com',
  'coreultrasound.com',
  'geekymedics.com',
  'teachmeanatomy.info',
  'osmosis.org',
  'khanacademy.org',
  'wikipedia.org',
  'wikidoc.org',
  'youtube.com',
  'youtu.be',
  'vimeo.com',
  'emergencymedicinecases.com',
  'em3.org.uk',
  'tamingthesru.com',
  'sinaiem.org',
  'canadiem.org',
  'emrap.org',
  'podcasts.apple.com',
  'open.spotify.com',
  'acmedsci.ac.uk',
];

const HOSTS = new Set(CITATION_HOSTS);

/** True for a host that is, or is a subdomain of, a citation or teaching host. */
export function isCitationHost(host: string): boolean {
  let h = host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  for (;;) {
    if (HOSTS.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot < 0 || h.indexOf('.', dot + 1) < 0) return false;
    h = h.slice(dot + 1);
  }
}

/** Paths that cite a paper whatever the host: a DOI, a PubMed or PMC id, an article page. */
const ARTICLE_PATH = /\/(?:doi\/|10\.\d{4,9}\/|pubmed\/|pmc\/articles\/|abs\/|full\/|article\/|articles\/)/i;

export function isCitationUrl(url: string): boolean {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#:\s]+)/i.exec(url);
  if (m?.[1] && isCitationHost(m[1])) return true;
  return ARTICLE_PATH.test(url);
}

/** Words in a link's host, path or query that mark a patient's record, portal or personal page. */
const RECORD_HINT =
  /(?:patient|\bpts?\b|\bmrn\b|medical[-_]?record|health[-_]?record|\bchart\b|\behr\b|\bemr\b|mychart|patient[-_]?portal|\bportal\b|encounter|admission|discharge|\bepic\b|cerner|athenahealth|\bfhir\b|gofundme|caringbridge|legacy\.com|obituar)/i;
/** Query parameters that carry a person or record identifier. */
const ID_PARAM =
  /[?&](?:id|pid|uid|mrn|patient(?:_?id)?|person(?:_?id)?|record(?:_?id)?|chart(?:_?id)?|member(?:_?id)?)=[^&#\s]{3,}/i;
const IP_HOST = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\d{1,3}\.){3}\d{1,3}(?:[:/]|$)/i;
/** A bare site with no path ("https://janedoe.example/"): the shape of someone's own page. */
const BARE_SITE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/?#\s]+\/?$/i;

/**
 * A link that points at a patient or a record (a portal, a chart, a record id, a fundraiser or
 * obituary page, an IP host, the bare front page of a personal site) rather than at a paper, a
 * guideline or an article. Links to pages are not identifiers: a learning network lives on links,
 * and flagging them all would teach people to ignore the guard.
 */
export function isRecordUrl(url: string): boolean {
  if (isCitationUrl(url)) return false;
  return (
    IP_HOST.test(url) ||
    BARE_SITE.test(url) ||
    ID_PARAM.test(url) ||
    RECORD_HINT.test(url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''))
  );
}
