/**
 * Makes the server's PRISMA SVG safe to put inside our page. The text is parsed as XML (never as
 * HTML, never through innerHTML) and rebuilt from an allow-list: known SVG elements and
 * presentation attributes only, links only to same-origin paths. Scripts, styles, foreign objects,
 * event handlers and anything unexpected are dropped, so a hostile source name or a tampered
 * response cannot run code here.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

const ELEMENTS = new Set(['svg', 'title', 'desc', 'defs', 'marker', 'g', 'rect', 'path', 'text', 'tspan', 'a']);

const ATTRIBUTES = new Set([
  'id', 'x', 'y', 'rx', 'width', 'height', 'viewBox', 'version', 'd', 'fill', 'stroke', 'stroke-width',
  'marker-end', 'refX', 'refY', 'markerWidth', 'markerHeight', 'orient', 'transform', 'text-anchor',
  'dominant-baseline', 'font-family', 'font-size', 'font-weight', 'text-decoration', 'role', 'aria-labelledby',
]);

/** Same-origin paths only ("/projects/…"), never "//host" or a scheme such as javascript:. */
const safeHref = (href: string) => /^\/(?!\/)[^\s\\]*$/.test(href.trim());

/** Only local references (url(#id)) in attributes that take them. */
const safeValue = (name: string, value: string) => (name === 'marker-end' ? /^url\(#[A-Za-z0-9_-]+\)$/.test(value) : !/url\s*\(|javascript:/i.test(value));

function copy(source: Element, doc: Document): Element | null {
  if (source.namespaceURI !== SVG_NS || !ELEMENTS.has(source.localName)) return null;
  const out = doc.createElementNS(SVG_NS, source.localName);
  for (const attr of Array.from(source.attributes)) {
    if (attr.namespaceURI === null && ATTRIBUTES.has(attr.name) && safeValue(attr.name, attr.value)) out.setAttribute(attr.name, attr.value);
  }
  if (source.localName === 'a') {
    // Plain href, with xlink:href as the SVG 1.1 fallback; only when it is a path on this site.
    const href = source.getAttribute('href') ?? source.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '';
    if (!safeHref(href)) return copyChildren(source, doc, doc.createElementNS(SVG_NS, 'g'));
    out.setAttribute('href', href.trim());
  }
  return copyChildren(source, doc, out);
}

function copyChildren(source: Element, doc: Document, out: Element): Element {
  for (const child of Array.from(source.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out.appendChild(doc.createTextNode(child.nodeValue ?? ''));
    else if (child.nodeType === Node.ELEMENT_NODE) {
      const kept = copy(child as Element, doc);
      if (kept) out.appendChild(kept);
    }
  }
  return out;
}

/** The SVG rebuilt from the allow-list, or null when the text is not a well-formed SVG document. */
export function sanitizeSvg(text: string, doc: Document = document): SVGSVGElement | null {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length > 0 || root.namespaceURI !== SVG_NS || root.localName !== 'svg') return null;
  return copy(root, doc) as SVGSVGElement;
}
