import { describe, expect, it } from 'vitest';
import {
  findReferencesInText,
  normalizeDoi,
  normalizePmid,
  recognizeReference,
  referenceUrl,
} from '../src/domain/evidence/index.ts';

/**
 * Every spelling of a reference must reach one key, or the paper page splits a paper's
 * citations; anything that is not a reference must be refused, not guessed at.
 */
describe('reference normalisation', () => {
  const NEJM = '10.1056/nejmoa2034577';
  it.each([
    '10.1056/NEJMoa2034577',
    'doi:10.1056/NEJMoa2034577',
    'DOI: 10.1056/NEJMoa2034577',
    'doi 10.1056/nejmoa2034577',
    'https://doi.org/10.1056/nejmoa2034577',
    'http://doi.org/10.1056/NEJMoa2034577',
    'https://dx.doi.org/10.1056/NEJMoa2034577',
    'https://www.doi.org/10.1056/NEJMoa2034577',
    'doi.org/10.1056/NEJMoa2034577',
    'https://doi.org/10.1056%2FNEJMoa2034577',
    '  10.1056/NEJMoa2034577.  ',
    '10.1056/NEJMoa2034577);',
    '"10.1056/NEJMoa2034577",',
  ])('%s is the DOI 10.1056/nejmoa2034577', (raw) => {
    expect(normalizeDoi(raw)).toBe(NEJM);
    expect(recognizeReference(raw)).toEqual({ kind: 'doi', value: NEJM });
  });

  it('keeps brackets that belong to the DOI and sub-divided registrant codes', () => {
    expect(normalizeDoi('https://doi.org/10.1016/S0140-6736(20)30183-5')).toBe(
      '10.1016/s0140-6736(20)30183-5',
    );
    expect(normalizeDoi('(doi:10.1016/S0140-6736(20)30183-5).')).toBe('10.1016/s0140-6736(20)30183-5');
    expect(normalizeDoi('10.1000.10/ABC')).toBe('10.1000.10/abc');
  });

  it.each([
    '',
    'doi:',
    '10.1056',
    '10.1056/',
    '10.12/short-registrant',
    '11.1056/NEJMoa2034577',
    'doi:NEJMoa2034577',
    'https://example.org/10.1056/NEJMoa2034577',
    `10.1056/${'x'.repeat(400)}`,
    'https://doi.org/%E0%A4%A',
  ])('%j is not a DOI', (raw) => {
    expect(normalizeDoi(raw)).toBeNull();
  });

  it.each([
    ['33301246', '33301246'],
    ['PMID: 33301246', '33301246'],
    ['pmid 33301246', '33301246'],
    ['PMID:33301246', '33301246'],
    ['033301246', '33301246'],
    ['https://pubmed.ncbi.nlm.nih.gov/33301246/', '33301246'],
    ['pubmed.ncbi.nlm.nih.gov/33301246', '33301246'],
    ['https://www.ncbi.nlm.nih.gov/pubmed/33301246', '33301246'],
  ])('%s is the PMID %s', (raw, pmid) => {
    expect(normalizePmid(raw)).toBe(pmid);
  });

  it('takes a PMID as a number, and refuses what is not one', () => {
    expect(normalizePmid(33301246)).toBe('33301246');
    for (const bad of [
      '',
      '0',
      '000',
      'PMID:',
      '33301246a',
      '1234567890',
      'https://example.org/33301246',
      -5,
      1.5,
    ]) {
      expect(normalizePmid(bad as string | number), String(bad)).toBeNull();
    }
  });

  it('recognises URLs, turning doi.org and PubMed links into their DOI and PMID', () => {
    expect(recognizeReference('https://www.NICE.org.uk/guidance/ng28#section-2')).toEqual({
      kind: 'url',
      value: 'https://www.nice.org.uk/guidance/ng28',
    });
    expect(recognizeReference('https://pubmed.ncbi.nlm.nih.gov/33301246/?from=search')).toEqual({
      kind: 'pmid',
      value: '33301246',
    });
    expect(recognizeReference('PMID: 33301246')).toEqual({ kind: 'pmid', value: '33301246' });
    // A bare number could be anything: a plain string must say PMID.
    for (const bad of [
      '33301246',
      'ftp://example.org/x',
      'javascript:alert(1)',
      'see the NEJM paper',
      'www.nice.org.uk',
    ]) {
      expect(recognizeReference(bad), bad).toBeNull();
    }
  });

  it('links every DOI to the resolver with the path encoded', () => {
    expect(referenceUrl({ kind: 'doi', value: NEJM })).toBe('https://doi.org/10.1056/nejmoa2034577');
    expect(referenceUrl({ kind: 'doi', value: '10.1002/(sici)1097#x?y' })).toBe(
      'https://doi.org/10.1002/(sici)1097%23x%3Fy',
    );
    expect(referenceUrl({ kind: 'pmid', value: '33301246' })).toBe(
      'https://pubmed.ncbi.nlm.nih.gov/33301246/',
    );
  });
});

describe('references in text', () => {
  it('finds DOIs, PMIDs and links in order, each paper once', () => {
    const text =
      'Dexamethasone cut mortality (doi:10.1056/NEJMoa2021436). Same paper: https://doi.org/10.1056/nejmoa2021436 ' +
      'and PMID: 32678530, see also pubmed.ncbi.nlm.nih.gov/33301246 and 10.1001/jama.2020.17023, ' +
      'guideline at https://www.nice.org.uk/guidance/ng191.';
    expect(findReferencesInText(text)).toEqual([
      { kind: 'doi', value: '10.1056/nejmoa2021436' },
      { kind: 'pmid', value: '32678530' },
      { kind: 'pmid', value: '33301246' },
      { kind: 'doi', value: '10.1001/jama.2020.17023' },
      { kind: 'url', value: 'https://www.nice.org.uk/guidance/ng191' },
    ]);
  });

  it('reads a DOI inside a doi.org link once, and ignores look-alikes', () => {
    expect(findReferencesInText('https://dx.doi.org/10.1016/S0140-6736(20)30183-5.')).toEqual([
      { kind: 'doi', value: '10.1016/s0140-6736(20)30183-5' },
    ]);
    expect(findReferencesInText('version 10.1.2/3 of the app, ratio 10.5/2, room 10.1234, #PMID')).toEqual(
      [],
    );
    expect(findReferencesInText('https://example.org/a/10.1056/NEJMoa2021436')).toEqual([
      { kind: 'url', value: 'https://example.org/a/10.1056/NEJMoa2021436' },
    ]);
  });
});
