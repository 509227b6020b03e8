/**
 * The PRISMA 2020 SVG: well-formed, complete, safe with hostile user text, laid out like the
 * template, and readable.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PRISMA_BOX_IDS, PRISMA_TEXT_PAIRS, contrastRatio, escapeXml, prismaSvg } from '../../shared/prisma';
import type { PrismaCounts } from '../../shared/prisma';

/** Figures shaped like a real review (DOMAIN.md: 7,922 records from four databases, 2,722 duplicates). */
function exampleCounts(): PrismaCounts {
  return {
    identified: [
      { source: 'MEDLINE', n: 3120 },
      { source: 'EMBASE', n: 2811 },
      { source: 'PsycINFO', n: 1200 },
      { source: 'CINAHL', n: 791 },
    ],
    registers: [],
    duplicates: 2722,
    automation: 0,
    removedOther: 0,
    screened: 5200,
    excludedScreening: 5050,
    sought: 150,
    notRetrieved: 4,
    assessed: 146,
    excludedReports: [
      { reason: 'Wrong study type', n: 60 },
      { reason: 'Not peer reviewed', n: 30 },
      { reason: 'Wrong setting', n: 34 },
      { reason: 'Full text unavailable', n: 2 },
    ],
    included: 19,
    includedReports: 22,
    otherMethods: {
      identified: [{ source: 'Hand searching', n: 12 }],
      sought: 6,
      notRetrieved: 1,
      assessed: 5,
      excludedReports: [{ reason: 'Wrong population', n: 3 }],
    },
  };
}

const HOSTILE = `<script>alert("x")</script> & 'co' ]]> <!-- -->`;

/** The drawn text of the diagram (not <title>/<desc>), tags removed, entities decoded, spaces collapsed. */
function drawnText(svg: string): string {
  return svg
    .replace(/<title[\s\S]*?<\/title>|<desc[\s\S]*?<\/desc>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    // a number inside a link is its own element; rejoin "(n = 12 )" to "(n = 12)"
    .replace(/\( ?n = (\d+) ?\)/g, '(n = $1)');
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', processEntities: true });

/** The rectangles of the flow's boxes (groups with id prisma-<box id>), by box id. */
function boxRects(svg: string): Map<string, { x: number; y: number; width: number; height: number }> {
  const rects = new Map<string, { x: number; y: number; width: number; height: number }>();
  const re = /<g id="prisma-([A-Za-z]+)">\n<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g;
  for (const m of svg.matchAll(re)) {
    if ((PRISMA_BOX_IDS as readonly string[]).includes(m[1])) rects.set(m[1], { x: +m[2], y: +m[3], width: +m[4], height: +m[5] });
  }
  return rects;
}

describe('prismaSvg document', () => {
  it('is well-formed XML and a standalone SVG 1.1 root with size, viewBox, role and accessible name', () => {
    const svg = prismaSvg(exampleCounts(), { title: 'Peer support review' });
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parser.parse(svg).svg;
    expect(root['@xmlns']).toBe('http://www.w3.org/2000/svg');
    expect(root['@version']).toBe('1.1');
    expect(root['@role']).toBe('img');
    expect(root['@viewBox']).toBe(`0 0 ${root['@width']} ${root['@height']}`);
    expect(Number(root['@width'])).toBeGreaterThan(0);
    expect(root.title['#text']).toBe('Peer support review');
    expect(root['@aria-labelledby']).toBe('prisma-title prisma-desc');
    // The description carries every number, for screen-reader users.
    expect(root.desc['#text']).toContain('Records screened (n = 5200)');
    expect(root.desc['#text']).toContain('Wrong population (n = 3)');
  });

  it('draws every count, every source and every reason', () => {
    const counts = exampleCounts();
    const text = drawnText(prismaSvg(counts));
    for (const s of counts.identified) expect(text).toContain(`${s.source} (n = ${s.n})`);
    expect(text).toContain('Databases (n = 7922)');
    expect(text).toContain('Registers (n = 0)');
    expect(text).toContain('Duplicate records removed (n = 2722)');
    expect(text).toContain('Records marked as ineligible by automation tools (n = 0)');
    expect(text).toContain('Records screened (n = 5200)');
    expect(text).toContain('Records excluded (n = 5050)');
    expect(text).toContain('Reports sought for retrieval (n = 150)');
    expect(text).toContain('Reports not retrieved (n = 4)');
    expect(text).toContain('Reports assessed for eligibility (n = 146)');
    expect(text).toContain('Reports excluded (n = 126)');
    for (const r of counts.excludedReports) expect(text).toContain(`${r.reason} (n = ${r.n})`);
    expect(text).toContain('Studies included in review (n = 19)');
    expect(text).toContain('Reports of included studies (n = 22)');
    expect(text).toContain('Hand searching (n = 12)');
    expect(text).toContain('Reports sought for retrieval (n = 6)');
    expect(text).toContain('Wrong population (n = 3)');
    for (const phase of ['Identification', 'Screening', 'Included']) expect(text).toContain(phase);
  });

  it('escapes hostile source names, reasons, labels and title, and drops characters XML cannot hold', () => {
    const counts = exampleCounts();
    counts.identified[0].source = HOSTILE;
    counts.excludedReports[0].reason = `bell\u0007${HOSTILE}`;
    counts.otherMethods!.identified[0].source = HOSTILE;
    const svg = prismaSvg(counts, { title: HOSTILE, labels: { screened: HOSTILE } });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0007');
    const text = drawnText(svg);
    expect(text).toContain(`${HOSTILE} (n = 3120)`);
    expect(text).toContain(`bell${HOSTILE} (n = 60)`);
    expect(text).toContain(`${HOSTILE} (n = 5200)`);
    expect(parser.parse(svg).svg.title['#text']).toBe(HOSTILE);
  });

  it('escapeXml keeps surrogate pairs (emoji, rare scripts) and drops unpaired halves and controls', () => {
    expect(escapeXml('a\uD83D\uDE00b')).toBe('a\uD83D\uDE00b');
    expect(escapeXml('a\uD83Db\uDE00c\u0000\u001Fd\tz')).toBe('abcd\tz');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('omits the other-methods column when it is absent or all zero', () => {
    const full = prismaSvg(exampleCounts());
    const withoutOther = { ...exampleCounts(), otherMethods: undefined };
    const zeroOther: PrismaCounts = {
      ...exampleCounts(),
      otherMethods: { identified: [{ source: 'Websites', n: 0 }], sought: 0, notRetrieved: 0, assessed: 0, excludedReports: [] },
    };
    expect(full).toContain('Identification of studies via other methods');
    expect(boxRects(full).has('otherAssessed')).toBe(true);
    for (const svg of [prismaSvg(withoutOther), prismaSvg(zeroOther)]) {
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).not.toContain('via other methods');
      expect(svg).not.toContain('Websites');
      expect([...boxRects(svg).keys()].some((id) => id.startsWith('other'))).toBe(false);
      expect(Number(parser.parse(svg).svg['@width'])).toBeLessThan(Number(parser.parse(full).svg['@width']));
    }
  });

  it('wraps numbers in links only where link() returns a safe URL, with the URL escaped', () => {
    const asked: string[] = [];
    const svg = prismaSvg(exampleCounts(), {
      link: (id, item) => {
        asked.push(item ? `${id}:${item}` : id);
        if (id === 'screened') return '/p/1/records?stage=ta&decision="any"';
        if (id === 'excludedReports' && item) return `/p/1/records?reason=${encodeURIComponent(item)}`;
        if (id === 'included') return 'javascript:alert(1)';
        return null;
      },
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(asked).toContain('identified:MEDLINE');
    expect(asked).toContain('otherExcludedReports:Wrong population');
    const anchors = [...svg.matchAll(/<a href="([^"]*)" xlink:href="([^"]*)">([\s\S]*?)<\/a>/g)];
    // screened + four reasons; the javascript: URL is refused.
    expect(anchors).toHaveLength(5);
    expect(anchors.every((a) => a[1] === a[2])).toBe(true);
    expect(anchors[0][1]).toBe('/p/1/records?stage=ta&amp;decision=&quot;any&quot;');
    expect(anchors[0][3].replace(/<[^>]+>/g, '')).toBe('5200');
    expect(svg).not.toContain('javascript:');
  });

  it('uses translated labels in place of the template wording', () => {
    const svg = prismaSvg(exampleCounts(), { labels: { screened: 'Registros cribados', phaseIncluded: 'مشمولة' } });
    const text = drawnText(svg);
    expect(text).toContain('Registros cribados (n = 5200)');
    expect(text).toContain('مشمولة');
    expect(text).not.toContain('Records screened');
  });

  it('lays boxes out in the template grid without overlaps, inside the canvas', () => {
    const svg = prismaSvg(exampleCounts());
    const rects = boxRects(svg);
    const root = parser.parse(svg).svg;
    const [width, height] = [Number(root['@width']), Number(root['@height'])];
    const boxes = [...rects.entries()];
    expect(boxes.length).toBe(14);
    for (const [, r] of boxes) {
      expect(r.x + r.width).toBeLessThanOrEqual(width);
      expect(r.y + r.height).toBeLessThanOrEqual(height);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i][1], boxes[j][1]];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${boxes[i][0]} overlaps ${boxes[j][0]}`).toBe(false);
      }
    }
    const at = (id: string) => rects.get(id)!;
    // The flow runs down the left column; exclusions sit to the right of what they came from.
    expect(at('screened').y).toBeGreaterThan(at('identified').y);
    expect(at('sought').y).toBeGreaterThan(at('screened').y);
    expect(at('assessed').y).toBeGreaterThan(at('sought').y);
    expect(at('included').y).toBeGreaterThan(at('assessed').y);
    expect(at('excludedScreening').y).toBe(at('screened').y);
    expect(at('excludedScreening').x).toBeGreaterThan(at('screened').x);
    expect(at('otherSought').y).toBe(at('sought').y);
    expect(at('otherSought').x).toBeGreaterThan(at('excludedReports').x);
    // One arrow per step, plus the elbow from other methods into "included".
    expect(svg.match(/marker-end="url\(#prisma-arrow\)"/g)).toHaveLength(13);
  });

  it('keeps text at 12px or more and every text colour at WCAG AA contrast on its fill', () => {
    const svg = prismaSvg(exampleCounts(), { title: 'A title' });
    const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    for (const [fg, bg] of PRISMA_TEXT_PAIRS) expect(contrastRatio(fg, bg), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    // Every fill colour a text element uses is one of the checked text colours.
    const checked = new Set(PRISMA_TEXT_PAIRS.map(([fg]) => fg));
    const textFills = [...svg.matchAll(/<(?:text|tspan|g)[^>]* fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    for (const fill of textFills) expect(checked.has(fill), fill).toBe(true);
  });

  it('wraps long reasons instead of widening the box, and stays valid for an all-zero review', () => {
    const counts = exampleCounts();
    counts.excludedReports.push({ reason: 'Reports of interventions delivered outside community settings '.repeat(4), n: 0 });
    const svg = prismaSvg(counts);
    expect(boxRects(svg).get('excludedReports')!.width).toBe(boxRects(svg).get('screened')!.width);
    const empty: PrismaCounts = {
      identified: [], registers: [], duplicates: 0, automation: 0, removedOther: 0, screened: 0, excludedScreening: 0,
      sought: 0, notRetrieved: 0, assessed: 0, excludedReports: [], included: 0, includedReports: 0,
    };
    const emptySvg = prismaSvg(empty, { idPrefix: 'p7' });
    expect(XMLValidator.validate(emptySvg)).toBe(true);
    expect(drawnText(emptySvg)).toContain('Databases (n = 0)');
    expect(emptySvg).toContain('id="p7-screened"');
    expect(emptySvg).toContain('aria-labelledby="p7-title p7-desc"');
  });
});
