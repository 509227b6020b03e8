import { describe, expect, it } from 'vitest';
import { differencesOf } from '../../server/records/duplicates';
import type { ListedRecord } from '../../server/records/search';

const rec = (over: Partial<ListedRecord>): ListedRecord => ({ doi: null, pmid: null, year: null, authors: [], ...over }) as ListedRecord;
const fields = (a: Partial<ListedRecord>, b: Partial<ListedRecord>) => differencesOf(rec(a), rec(b)).map((d) => d.field);

describe('what argues against a merge', () => {
  it('reads one first author written the ways databases write it as one person', () => {
    for (const [x, y] of [['Smith, J.', 'J. Smith'], ['Smith JA', 'SMITH, John'], ['Müller, K', 'Muller K'], ['Hasnain, Md Golam', 'Hasnain, MG'], ['Hu, Mengjun', 'Hu MJ']]) {
      expect(fields({ authors: [x!] }, { authors: [y!] }), `${x} / ${y}`).toEqual([]);
    }
    expect(fields({ authors: ['Smith, J'] }, { authors: ['Jones, J'] })).toEqual(['firstAuthor']);
  });

  it('names different identifiers and years more than one apart, never missing ones', () => {
    expect(differencesOf(rec({ doi: '10.1/a', pmid: '1', year: 2020 }), rec({ doi: '10.1/b', pmid: '2', year: 2023 }))).toEqual([
      { field: 'doi', primary: '10.1/a', duplicate: '10.1/b' },
      { field: 'pmid', primary: '1', duplicate: '2' },
      { field: 'year', primary: '2020', duplicate: '2023' },
    ]);
    // online-first against print, and a DOI only one side has, are no reason to doubt
    expect(fields({ doi: '10.1/a', year: 2020 }, { year: 2021 })).toEqual([]);
  });
});
