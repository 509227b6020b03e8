/**
 * `npm run demo`: demo accounts (a lead, two reviewers, a co-researcher) and a project loaded from a
 * real public search (CiteSource's wildfire search run in six databases, read from ../shared/data),
 * with the two reviewers' title/abstract decisions written the way the app writes them: into their
 * private Yjs documents, then projected into SQLite. The stage is left blinded for the lead to unblind.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { runMigrations } from '../server/db/migrate';
import { LoginThrottle } from '../server/auth/throttle';
import { signup } from '../server/auth/service';
import { findUserByEmail } from '../server/auth/users';
import { createProject, updateProjectSettings } from '../server/projects/service';
import { upsertMember } from '../server/projects/repo';
import { importFile } from '../server/records/import';
import { parseFile } from '../server/records/formats';
import { DedupIndex } from '../server/records/dedup';
import { DocStore } from '../server/sync/store';
import { projectDecision } from '../server/screening/service';
import { listPrimaryRecordIds } from '../server/records/repo';
import { privateDocName } from '../shared/docnames';
import type { Deps } from '../server/context';

const DATA = resolve(import.meta.dirname, '../../shared/data/citesource_wildfire');
const SOURCES: [string, string][] = [
  ['medline_84.ris', 'MEDLINE'],
  ['wos_278.ris', 'Web of Science'],
  ['lens_343.ris', 'Lens.org'],
  ['Dimensions_246.ris', 'Dimensions'],
  ['envindex_100.ris', 'Environment Index'],
  ['econlit_3.ris', 'EconLit'],
];

const config = loadConfig();
const db = openDatabase(join(config.dataDir, 'coreview.sqlite'));
runMigrations(db, config.migrationsDir);
const noBoard = { refresh() {}, audienceChanged() {} };
const noSync = { revokeMember() {}, closeSessionSockets() {}, closeUserSockets() {}, loadedDocs: () => [], reconnectViews() {} };
const deps: Deps = { db, config, throttle: new LoginThrottle(), sync: noSync, board: noBoard };

const people = [
  { key: 'lead', name: 'Lena (lead)', email: 'lead@demo.coreview.test' },
  { key: 'r1', name: 'Amir (reviewer)', email: 'reviewer1@demo.coreview.test' },
  { key: 'r2', name: 'Grace (reviewer)', email: 'reviewer2@demo.coreview.test' },
  { key: 'co', name: 'Hawa (co-researcher)', email: 'coresearcher@demo.coreview.test' },
] as const;

const accounts: Record<string, { id: string; email: string; password: string | null }> = {};
for (const p of people) {
  const existing = findUserByEmail(db, p.email);
  if (existing) {
    accounts[p.key] = { id: existing.id, email: p.email, password: null };
    continue;
  }
  const password = `demo-${randomBytes(6).toString('hex')}`;
  const { user } = await signup(deps, { email: p.email, password, name: p.name });
  accounts[p.key] = { id: user.id, email: p.email, password };
}

const { project } = createProject(deps, accounts.lead!.id, { title: 'Demo: wildfire smoke and health (CiteSource search)' });
updateProjectSettings(deps, accounts.lead!.id, project.id, {
  question: 'What is known about the health effects of wildfire smoke exposure on communities?',
  criteria:
    'Include: empirical studies of human health outcomes of wildfire smoke.\nExclude: modelling without health outcomes, non-human studies, commentaries.',
  highlightTerms: { include: ['smoke', 'health', 'respiratory', 'mortality'], exclude: ['model', 'simulation', 'forest management'] },
});
upsertMember(db, project.id, accounts.r1!.id, 'reviewer', new Date().toISOString());
upsertMember(db, project.id, accounts.r2!.id, 'reviewer', new Date().toISOString());
upsertMember(db, project.id, accounts.co!.id, 'co_researcher', new Date().toISOString());

if (!existsSync(DATA)) {
  console.log(`No dataset at ${DATA}: the demo project has no records. Import your own RIS, CSV, BibTeX, MEDLINE or EndNote XML files.`);
} else {
  for (const [file, source] of SOURCES) {
    const r = await importFile(deps, accounts.lead!.id, project.id, { path: join(DATA, file), filename: file, source });
    console.log(`Imported ${file} as "${source}": ${r.parsed} parsed, ${r.added} added, ${r.duplicates} duplicates`);
  }
  await writeDecisions();
}

/** The real screening outcome (screened_128.ris passed title/abstract), with a few honest disagreements. */
async function writeDecisions() {
  const passed = new DedupIndex<boolean>();
  for (const r of (await parseFile(join(DATA, 'screened_128.ris'))).records) passed.add(true, r);
  const store = new DocStore(db);
  type Row = { id: string; title: string; authors: string; year: number | null; pages: string; volume: string; doi: string | null; pmid: string | null; journal: string };
  const rows = db.prepare('SELECT id, title, authors, year, pages, volume, doi, pmid, journal FROM records WHERE project_id = ? AND duplicate_of IS NULL').all(project.id) as Row[];
  const include = new Set(rows.filter((r) => passed.findMatch({ ...r, authors: JSON.parse(r.authors) as string[] })).map((r) => r.id));
  const ids = listPrimaryRecordIds(db, project.id);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 16807) % 2147483647), seed / 2147483647);
  for (const key of ['r1', 'r2'] as const) {
    const userId = accounts[key]!.id;
    const doc = new Y.Doc();
    const map = doc.getMap('decisions:ta');
    // Reviewer 1 has screened everything; reviewer 2 is two thirds through.
    const todo = key === 'r1' ? ids : ids.slice(0, Math.round(ids.length * 0.66));
    for (const id of todo) {
      const agree = rnd() > 0.06;
      const inc = include.has(id) === agree;
      map.set(id, { decision: inc ? 'include' : 'exclude', reasons: [], note: '', at: new Date().toISOString() });
    }
    store.append(privateDocName(project.id, userId), Y.encodeStateAsUpdate(doc));
    for (const [id, value] of map) projectDecision(deps, project.id, 'ta', userId, id, value);
  }
  console.log(`Title/abstract decisions written for both reviewers (${include.size} records passed in the real review).`);
}

console.log(`\nDemo project "${project.title}" is ready. Start the app with \`npm start\` and log in:`);
for (const p of people) {
  const a = accounts[p.key]!;
  console.log(`  ${p.name.padEnd(22)} ${a.email.padEnd(34)} ${a.password ?? '(existing account: password unchanged)'}`);
}
db.close();
