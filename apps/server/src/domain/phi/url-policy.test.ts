import { describe, expect, it } from 'vitest';
import { detectPhi } from './index.ts';

const urlSpans = (text: string) =>
  detectPhi(text)
    .filter((s) => s.type === 'URL')
    .map((s) => s.text);

describe('links: records and personal pages are identifiers, papers and articles are not', () => {
  it('flags portals, charts, record ids, fundraisers, IP hosts and bare personal sites', () => {
    expect(urlSpans('results at https://mychart.example-health.org/patient/12345')).toHaveLength(1);
    expect(urlSpans('see http://10.2.3.4/chart')).toHaveLength(1);
    expect(urlSpans('https://portal.hospital.example/view?id=998877')).toHaveLength(1);
    expect(urlSpans('please share https://www.gofundme.com/f/help-for-her-surgery')).toHaveLength(1);
    expect(urlSpans('her page: https://janedoe-recovery.example/')).toHaveLength(1);
  });

  it('leaves citations, guidelines, teaching sites and ordinary articles alone', () => {
    for (const text of [
      'doi:10.1056/NEJMoa2034577 and https://doi.org/10.1056/nejmoa2034577',
      'https://pubmed.ncbi.nlm.nih.gov/32678530/',
      'guideline: https://www.nice.org.uk/guidance/ng51',
      'great #FOAMed post https://litfl.com/wellens-syndrome-ecg-library/',
      'my write-up https://medblog.example.com/2024/05/lung-ultrasound-basics',
    ]) {
      expect(urlSpans(text), text).toEqual([]);
    }
  });
});
