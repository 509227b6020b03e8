/** The REFI-QDA codebook writer against Codebook.xsd (read from the fixture), and the checker's own teeth. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { guidFor, toQdc } from '../../server/themes/qdc';
import type { ExportCode, ThemesExport } from '../../server/themes/export';
import { loadSchema, validate } from '../fixtures/refi-qda/validate';

const schema = loadSchema(join(import.meta.dirname, '../fixtures/refi-qda/Codebook.xsd'));

const code = (id: string, name: string, extra: Partial<ExportCode> = {}): ExportCode => ({ id, name, colour: '#1f77b4', definition: '', plain: '', excerpts: [], ...extra });

const sample: ThemesExport = {
  project: { id: 'p1', title: 'Peer support' },
  exportedAt: '2024-01-01T00:00:00.000Z',
  themes: [
    {
      id: 'a1',
      name: 'Finding one’s feet',
      kind: 'analytical',
      description: 'Beyond the studies: "home" is made & remade.',
      version: 'v1',
      themes: [
        { id: 'd1', name: 'Language <and> trust', kind: 'descriptive', description: '', version: 'v2', themes: [], codes: [code('c1', 'Interpreters', { definition: 'Any mention\u0007 of interpreters', plain: 'Someone who translates' })] },
      ],
      codes: [code('c2', 'Hope', { colour: 'not a colour' })],
    },
  ],
  unsortedCodes: [code('c3', 'Unsorted "draft"')],
  totals: { themes: 2, codes: 3, excerpts: 0, codings: 0 },
};

describe('REFI-QDA codebook (.qdc)', () => {
  it('validates against Codebook.xsd, with themes as non-codable codes, nesting, sets and stable GUIDs', () => {
    const xml = toQdc(sample);
    expect(validate(schema, xml)).toEqual([]);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['Code', 'Set', 'MemberCode'].includes(n) }).parse(xml);
    const top = parsed.CodeBook.Codes.Code;
    expect(top.map((c: { name: string }) => c.name)).toEqual(['Finding one’s feet', 'Unsorted "draft"']);
    expect(top[0].isCodable).toBe('false');
    expect(top[0].Description).toContain('"home" is made & remade');
    expect(top[0].Code.map((c: { name: string; isCodable: string }) => [c.name, c.isCodable])).toEqual([
      ['Language <and> trust', 'false'],
      ['Hope', 'true'],
    ]);
    expect(top[0].Code[0].Code[0]).toMatchObject({ name: 'Interpreters', isCodable: 'true', color: '#1F77B4', guid: guidFor('code', 'c1') });
    expect(top[0].Code[0].Code[0].Description).toBe('Any mention of interpreters\n\nIn plain language: Someone who translates');
    expect(top[0].Code[1].color).toBeUndefined(); // an invalid colour is left out rather than breaking the file
    const sets = parsed.CodeBook.Sets.Set;
    expect(sets.map((s: { name: string }) => s.name)).toEqual(['Finding one’s feet', 'Language <and> trust']);
    expect(sets[0].MemberCode.map((m: { guid: string }) => m.guid).sort()).toEqual([guidFor('code', 'c1'), guidFor('code', 'c2')].sort());
    expect(toQdc(sample)).toBe(xml);
    expect(guidFor('code', 'c1')).not.toBe(guidFor('theme', 'c1'));
  });

  it('the checker finds what the schema forbids', () => {
    const xml = toQdc(sample);
    const g = guidFor('code', 'c3');
    const broken = {
      noGuid: xml.replace(` guid="${g}"`, ''),
      badGuid: xml.replace(g, 'not-a-guid'),
      badBool: xml.replace('isCodable="true"', 'isCodable="yes"'),
      badColour: xml.replace('color="#1F77B4"', 'color="blue"'),
      extraAttr: xml.replace('isCodable="true"', 'isCodable="true" weight="3"'),
      noCodes: xml.replace(/<Codes>[\s\S]*<\/Codes>/, '<Codes></Codes>'),
      wrongOrder: xml.replace(/(<Codes>[\s\S]*<\/Codes>)\s*(<Sets>[\s\S]*<\/Sets>)/, '$2$1'),
      wrongNs: xml.replace('xmlns="urn:QDA-XML:codebook:1.0"', 'xmlns="urn:QDA-XML:project:1.0"'),
      descAfterChild: xml.replace(/(<Code guid="[^"]+" name="Finding[^>]*>)\s*(<Description>[^<]*<\/Description>)([\s\S]*?)(<\/Code>\s*<Code guid="[^"]+" name="Unsorted)/, '$1$3$2$4'),
    };
    for (const [what, doc] of Object.entries(broken)) {
      expect(doc, what).not.toBe(xml);
      expect(validate(schema, doc).length, what).toBeGreaterThan(0);
    }
  });
});
