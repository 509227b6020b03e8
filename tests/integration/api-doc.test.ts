/**
 * docs/API.md documents every route the server has, and nothing else: the set of `METHOD path`
 * pairs of createApp(...).routes (middleware entries, method ALL, left out) must equal the set of
 * the reference's level-3 headings of the form ### `METHOD path`. A new route without a section,
 * or a section for a route that is gone, fails here with the difference spelled out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { createApp } from '../../server/app';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'API.md');
const HEADING = /^### `([A-Z]+) (\S+)`\s*$/;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.close());

/** Distinct `METHOD path` pairs the app serves (ALL entries are middleware and catch-alls). */
function serverRoutes(): string[] {
  const app = createApp(server.deps, server.hub);
  const pairs = new Set<string>();
  for (const r of app.routes) if (r.method !== 'ALL') pairs.add(`${r.method} ${r.path}`);
  return [...pairs].sort();
}

/** The `METHOD path` of every route heading in docs/API.md, in document order (repeats kept). */
function documentedRoutes(): string[] {
  const out: string[] = [];
  for (const line of readFileSync(DOC, 'utf8').split(/\r?\n/)) {
    const m = HEADING.exec(line);
    if (m) out.push(`${m[1]} ${m[2]}`);
  }
  return out;
}

describe('docs/API.md', () => {
  it('has one section per route the server serves, and none for routes it does not', () => {
    const served = serverRoutes();
    const documented = documentedRoutes();
    expect(served.length, 'the app lists no routes: is createApp still building them?').toBeGreaterThan(0);

    const repeated = documented.filter((r, i) => documented.indexOf(r) !== i);
    expect(repeated, 'routes documented more than once in docs/API.md').toEqual([]);

    const doc = new Set(documented);
    const app = new Set(served);
    const undocumented = served.filter((r) => !doc.has(r));
    const stale = [...doc].filter((r) => !app.has(r)).sort();
    expect(
      { undocumented, stale },
      'undocumented: served but without a ### `METHOD path` heading in docs/API.md; stale: documented but not served',
    ).toEqual({ undocumented: [], stale: [] });
    expect(new Set(documented)).toEqual(new Set(served));
  });
});
