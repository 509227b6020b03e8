import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceHint } from '../../shared/sourceHint';

const data = join(__dirname, '..', '..', '..', 'shared', 'data');
/** The start of a real export, as the Import page reads it (64 KB, maybe cut mid-line). */
const head = (file: string) => readFileSync(join(data, file)).subarray(0, 65536).toString('utf8');

describe('source name from the file', () => {
  it.each([
    ['asysd/scopus.ris', 'Scopus'],
    ['dimitrov_snhl/search_returns/scopus.csv', 'Scopus'],
    ['dimitrov_snhl/search_returns/medline.csv', 'MEDLINE via PubMed'],
    ['dimitrov_snhl/search_returns/ieee.csv', 'IEEE Xplore'],
    ['pubmed_medline/p1m-ortho_citations.nbib', 'MEDLINE via PubMed'],
    ['citesource_wildfire/medline_84.ris', 'MEDLINE via Ovid'],
    ['asreview_testdata/demo_data/ovid_psycinfo.ris', 'APA PsycINFO via Ovid'],
    ['asreview_testdata/demo_data/embase.ris', 'Embase.com'],
    ['asreview_testdata/demo_data/embase.csv', 'Embase.com'],
    ['synthesisr_revtools/ASP_ris_example.ris', 'Academic Search Premier via EBSCOhost'],
    ['synthesisr_revtools/WoS_txt_example.txt', 'Web of Science Core Collection'],
    ['synthesisr_revtools/extdata_zoorec.txt', 'Zoological Record via Web of Science'],
  ])('%s names %s', (file, name) => {
    expect(sourceHint(head(file))).toBe(name);
  });

  it.each([
    // included studies gathered from many databases: one record's tag must not name them all
    'citesource_wildfire/final_24.ris',
    'rayyan/rayyanR/tinea_update.ris',
    'asreview_datasets/cohen_2006/ADHD.csv',
    'asysd/labelled_test_set.csv',
    'asysd/zotero_export.bib',
    'asysd/endnote_export_first5records.xml',
  ])('%s names no source', (file) => {
    expect(sourceHint(head(file))).toBeNull();
  });

  it('ignores a tag line cut off at the end of the slice', () => {
    const ris = 'TY  - JOUR\nDB  - Scopus\nER  - \n\nTY  - JOUR\nDB  - Scopus\nER  - \n\nTY  - JOUR\nDB  - Sco';
    expect(sourceHint(ris)).toBe('Scopus');
  });

  it('gives no name when the records name different databases', () => {
    const ris = 'TY  - JOUR\nDB  - Scopus\nER  - \n\nTY  - JOUR\nDB  - Embase\nER  - \n';
    expect(sourceHint(ris)).toBeNull();
  });
});
