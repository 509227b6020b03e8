import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DedupIndex, type DedupRecord } from '../../server/records/dedup';
import { parseFile } from '../../server/records/formats';
import { DATA_DIR as DATA } from '../helpers/data';


function rec(fields: Partial<DedupRecord>): DedupRecord {
  return { title: '', authors: [], year: null, pages: '', volume: '', doi: null, pmid: null, journal: '', ...fields };
}

function matchOf(earlier: DedupRecord, later: DedupRecord) {
  const index = new DedupIndex<string>();
  index.add('earlier', earlier);
  return index.findMatch(later);
}

const base = rec({
  title: 'Sitagliptin reduces plaque macrophage content and stabilises arteriosclerotic lesions in Apoe (-/-) mice',
  authors: ['Vittone, F.', 'Liberman, A.'],
  year: 2012,
  pages: '2267-75',
  volume: '55',
  journal: 'Diabetologia',
});

describe('what counts as the same record', () => {
  it('same DOI in different spellings', () => {
    expect(matchOf(rec({ ...base, doi: '10.1007/s00125-012-2582-5' }), rec({ ...base, title: 'Other words', doi: 'https://doi.org/10.1007/S00125-012-2582-5' })))
      .toBeNull(); // a shared DOI still needs a similar title
    expect(matchOf(rec({ ...base, doi: '10.1007/s00125-012-2582-5' }), rec({ ...base, doi: 'doi:10.1007/S00125-012-2582-5' }))).toMatchObject({
      reason: 'doi',
      score: 1,
    });
  });

  it('same PMID', () => {
    expect(matchOf(rec({ ...base, pmid: '22732860' }), rec({ ...base, pmid: '022732860', year: null }))).toMatchObject({ reason: 'pmid' });
  });

  it('title folded: case, punctuation, diacritics, entities, tags, trailing period, translation brackets, language note', () => {
    const variants = [
      base.title.toUpperCase(),
      `${base.title}.`,
      `[${base.title}]`,
      `${base.title}. [Japanese]`,
      base.title.replace('Apoe', 'Apoé').replace(' and ', ' &amp; '),
      base.title.replace('macrophage', '<i>macrophage</i>'),
    ];
    for (const title of variants) expect(matchOf(base, rec({ ...base, title }))?.reason).toBe('fuzzy');
  });

  it('spelling variants and typos, and a year apart (online first, then print)', () => {
    const match = matchOf(base, rec({ ...base, title: base.title.replace('stabilises', 'stabilizes'), year: 2013, authors: ['Vittone F'] }));
    expect(match?.reason).toBe('fuzzy');
    expect(match?.score).toBeGreaterThan(0.97);
  });

  it('a dropped subtitle when author, year and pages agree', () => {
    const long = rec({ ...base, title: 'Climate change and cardiovascular health: a systematic review', pages: '', volume: '' });
    const short = rec({ ...long, title: 'Climate Change and Cardiovascular Health' });
    expect(matchOf(long, short)?.reason).toBe('fuzzy');
  });
});

describe('what must stay apart', () => {
  it('the parts of a series', () => {
    const part = (n: string) => rec({ ...base, title: `Protective decision-making in bushfire part ${n}: a rapid systematic review`, pages: '' });
    expect(matchOf(part('1'), part('2'))).toBeNull();
    expect(matchOf(part('I'), part('II'))).toBeNull();
  });

  it('an erratum or a reply and the paper it is about', () => {
    expect(matchOf(base, rec({ ...base, title: `Erratum: ${base.title}`, pages: '' }))).toBeNull();
    expect(matchOf(base, rec({ ...base, title: `Reply to: ${base.title}`, pages: '' }))).toBeNull();
  });

  it('same title, different pages or volume', () => {
    expect(matchOf(base, rec({ ...base, pages: '2301-10' }))).toBeNull();
    expect(matchOf(base, rec({ ...base, volume: '56' }))).toBeNull();
  });

  it('same title years apart (a report updated every few years)', () => {
    expect(matchOf(rec({ ...base, pages: '', volume: '' }), rec({ ...base, year: 2016, pages: '', volume: '' }))).toBeNull();
  });

  it('two conference abstracts of one supplement sharing its DOI', () => {
    const a = rec({ title: 'Effects of incretin on artery lesions in a model of atherosclerosis in mice', doi: '10.1002/dmrr.2604', pages: '51', year: 2014, authors: ['Chen R.'] });
    const b = rec({ ...a, title: 'Liraglutide protects the aorta in diabetic rats', pages: '52' });
    expect(matchOf(a, b)).toBeNull();
    expect(matchOf(a, rec({ ...a, title: `The ${a.title.toLowerCase()}`, pages: '52' }))).toBeNull();
  });

  it('conflicting DOIs (preprint vs journal article) unless everything else agrees', () => {
    const preprint = rec({ ...base, doi: '10.1101/2023.04.18.23288775', pages: '', volume: '', journal: 'medRxiv', year: 2023 });
    const article = rec({ ...base, doi: '10.1177/23969873231223307', pages: '', volume: '', journal: 'European Stroke Journal', year: 2024 });
    expect(matchOf(preprint, article)).toBeNull();
  });

  it('a series of reports whose titles differ in one topic word', () => {
    const title = (topic: string) => `Integrated rangeland fire management strategy actionable science plan completion assessment: ${topic} topic, 2015-20`;
    const a = rec({ title: title('Fire'), authors: ['Phillips, Sue L.'], year: 2023 });
    expect(matchOf(a, rec({ ...a, title: title('Invasives') }))).toBeNull();
    expect(matchOf(a, rec({ ...a, title: title('Sagebrush and sage-grouse') }))).toBeNull();
  });

  it('short generic titles need everything to agree', () => {
    const a = rec({ title: 'Editorial', authors: ['Smith, J'], year: 2020, journal: 'Lancet' });
    expect(matchOf(a, rec({ ...a, authors: ['Jones, K'] }))).toBeNull();
    expect(matchOf(a, rec({ ...a, year: 2021 }))).toBeNull();
  });
});

describe('speed', () => {
  it('indexes and matches 100,000 records built from real exports', async () => {
    const sources = [
      'asysd/zotero_export.ris',
      'citesource_wildfire/lens_343.ris',
      'citesource_wildfire/wos_278.ris',
      'asreview_testdata/demo_data/_baseline.ris',
      'pubmed_medline/p1m-ortho_citations.nbib',
      'asysd/mendeley_export.xml',
    ];
    const real = (await Promise.all(sources.map((f) => parseFile(join(DATA, f))))).flatMap((r) => r.records);
    const words = [...new Set(real.flatMap((r) => r.title.split(/\s+/)))];
    let seed = 1;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    // every record after the first pass gets a new title from the shared vocabulary and new identifiers
    const records = Array.from({ length: 100_000 }, (_, i) => {
      const r = real[i % real.length];
      if (i < real.length) return r;
      const title = r.title.split(/\s+/).map(() => words[Math.floor(random() * words.length)]).join(' ');
      return { ...r, title, doi: r.doi ? `${r.doi}.${i}` : null, pmid: null };
    });
    const index = new DedupIndex<number>();
    const started = performance.now();
    let matches = 0;
    records.forEach((r, i) => {
      if (index.findMatch(r)) matches++;
      index.add(i, r);
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`dedup of 100,000 records: ${seconds.toFixed(2)} s, ${matches} matches`);
    expect(index.size).toBe(100_000);
    // generous: a quadratic slip takes minutes; a shared CI machine may be slow
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});

/** A family name per number, none a prefix or suffix of another (those could be the same person). */
const letters = (i: number) => `Q${[0, 1, 2, 3].map((k) => String.fromCharCode(97 + (Math.floor(i / 26 ** k) % 26))).join('')}z`;

describe('work stays bounded on titles that share their words', () => {
  it('does not compare every record with every earlier one', () => {
    const index = new DedupIndex<number>();
    const n = 30_000;
    let found = 0;
    for (let i = 0; i < n; i++) {
      // every title shares all its words but the number; every tenth is an "Editorial" by a different author
      const rec = i % 10 === 0
        ? { ...base, title: 'Editorial', authors: [`${letters(i)}, A.`], year: 2000 + (i % 20) }
        : { ...base, title: `Study ${i} of sleep after wildfire smoke exposure`, authors: ['Smith, J.'] };
      if (index.findMatch(rec)) found++;
      else index.add(i, rec);
    }
    // every earlier record would be 450 million comparisons (360 million without the caps, measured);
    // with them about 16 million, nearly all before the common words reach the cap
    expect(index.comparisons).toBeLessThan(n * 1000);
    expect(found).toBe(0);
    // a real duplicate is still found among them
    expect(index.findMatch({ ...base, title: 'Study 29999 of sleep after wildfire smoke exposure', authors: ['Smith, J.'] })?.id).toBe(29_999);
  });
});
