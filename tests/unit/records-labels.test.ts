import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asreviewNoteLabel, parseFile, rayyanLabels } from '../../server/records/formats';
import { DATA_DIR as DATA } from '../helpers/data';


describe('Rayyan decisions in notes', () => {
  it('reads one label per reviewer from the Rayyan CSV, names trimmed', async () => {
    const path = join(DATA, 'rayyan/accident_prone_locations/articles.csv');
    const { records } = await parseFile(path);
    expect(records).toHaveLength(1224);

    // Independent tally straight from the raw file: every "Name"=>"Decision" pair inside RAYYAN-INCLUSION blocks
    const raw = readFileSync(path, 'utf8');
    const expected = new Map<string, number>();
    for (const block of raw.matchAll(/RAYYAN-INCLUSION: \{([^}]*)\}/g)) {
      for (const [, name, decision] of block[1].matchAll(/""([^"]*)""=>""([^"]*)""/g)) {
        const key = `${name.trim()}|${decision}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const got = new Map<string, number>();
    for (const rec of records) {
      for (const l of rec.priorLabels) {
        expect(l.tool).toBe('rayyan');
        const key = `${l.reviewer}|${l.raw}`;
        got.set(key, (got.get(key) ?? 0) + 1);
      }
    }
    expect(got).toEqual(expected);
    const reviewers = new Set(records.flatMap((r) => r.priorLabels.map((l) => l.reviewer)));
    expect(reviewers).toEqual(new Set(['LUCAS', 'Fagner', 'taniabatistela']));
  });

  it('normalises Included / Excluded / Maybe', () => {
    const labels = rayyanLabels('x | RAYYAN-INCLUSION: {"Alice"=>"Excluded", "Bob "=>"Included", "Cy"=>"Maybe"} | RAYYAN-LABELS: a');
    expect(labels).toEqual([
      { tool: 'rayyan', reviewer: 'Alice', label: 'exclude', raw: 'Excluded' },
      { tool: 'rayyan', reviewer: 'Bob', label: 'include', raw: 'Included' },
      { tool: 'rayyan', reviewer: 'Cy', label: 'maybe', raw: 'Maybe' },
    ]);
  });

  it('reads Rayyan RIS exports (N1)', async () => {
    const { records } = await parseFile(join(DATA, 'rayyan/rayyanR/MLJ_includes_articles.ris'));
    expect(records[0].priorLabels).toEqual([
      { tool: 'rayyan', reviewer: 'Matt', label: 'include', raw: 'Included' },
      { tool: 'rayyan', reviewer: 'Laura', label: 'include', raw: 'Included' },
    ]);
  });
});

describe('ASReview labels', () => {
  it('reads ASReview_relevant / _irrelevant notes in its RIS export; "not seen" is no label', async () => {
    const { records } = await parseFile(join(DATA, 'asreview_testdata/demo_data/baseline_tag-notes_labels.ris'));
    expect(records).toHaveLength(32);
    for (const rec of records) {
      // the export's own titles say what each record was labelled
      const expected = /labeled "relevant"/.test(rec.title)
        ? [{ tool: 'asreview', reviewer: null, label: 'include', raw: 'ASReview_relevant' }]
        : /labeled "irrelevant"/.test(rec.title)
          ? [{ tool: 'asreview', reviewer: null, label: 'exclude', raw: 'ASReview_irrelevant' }]
          : [];
      expect(rec.priorLabels).toEqual(expected);
    }
  });

  it('reads label_included 1/0 columns and leaves empty cells unlabelled', async () => {
    const full = await parseFile(join(DATA, 'asreview_testdata/demo_data/generic_labels.csv'));
    const partial = await parseFile(join(DATA, 'asreview_testdata/demo_data/generic_partial_labels.csv'));
    const column = (path: string): string[] => {
      const [header, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
      const idx = header.split(',').indexOf('label_included');
      return rows.map((r) => r.split(',').at(idx - header.split(',').length) ?? '');
    };
    const asLabel = (v: string) => (v === '1' ? 'include' : v === '0' ? 'exclude' : undefined);
    expect(full.records.map((r) => r.priorLabels[0]?.label)).toEqual(
      column(join(DATA, 'asreview_testdata/demo_data/generic_labels.csv')).map(asLabel),
    );
    expect(partial.records.map((r) => r.priorLabels[0]?.label)).toEqual(
      column(join(DATA, 'asreview_testdata/demo_data/generic_partial_labels.csv')).map(asLabel),
    );
    expect(partial.records.some((r) => r.priorLabels.length === 0)).toBe(true);
  });

  it('reads the included column of the Ferdinands sets', async () => {
    const { records } = await parseFile(join(DATA, 'ferdinands_2023/wilson.csv'));
    const included = records.filter((r) => r.priorLabels[0]?.label === 'include').length;
    expect(included).toBe(23); // the README's published count for wilson.csv
  });

  it('ignores notes that only mention other words', () => {
    expect(asreviewNoteLabel('ASReview_not_seen')).toBeNull();
    expect(asreviewNoteLabel('Additional notes 1. ASReview_relevant. Additional notes 2')?.label).toBe('include');
  });
});
