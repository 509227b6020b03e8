/**
 * Screening benchmark. (a) Keypress → next record shown, in the built client in headless Chromium,
 * over 200 records: timed in the page from the keydown (performance.now) to the new title being in
 * the DOM (MutationObserver) and to the next animation frame (requestAnimationFrame). (b) Projection
 * throughput: 20 reviewers with real y-websocket clients write 500 decisions each at once (one
 * update per decision) to a server in a child process; decisions/s until all are in SQLite, against
 * the raw upper bound of the same decisions written with better-sqlite3 prepared statements.
 * Usage: npm run bench -- screening [--runs 3] [--reviewers 20] [--decisions 500] [--records 200] [--only-projection]
 * (BENCH_CPU_PROF=<dir> writes a CPU profile of the server child.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { openDatabase, type DB } from '../server/db/database';
import { startServer } from '../server/server';
import { blankRecord, insertImport } from '../server/records/store';
import { Client, projectWith, signUp } from '../tests/helpers/http';
import { connectDoc, synced, type SyncClient } from '../tests/helpers/sync';
import { launchBrowser } from '../tests/helpers/browser';
import { median, option, quantile } from './lib/cli';

const root = join(import.meta.dirname, '..');
const fmt = (n: number, d = 2) => n.toFixed(d);

/** Records with a realistic abstract length (~1,500 characters) and words the highlighter marks. */
function seed(db: DB, pid: string, userId: string, n: number): string[] {
  const abstract = (i: number) =>
    `Background: peer support is offered to refugees and asylum seekers in many settings (${i}). `.repeat(6) +
    'Methods: qualitative interviews with adults; children were not included. Results: themes of trust and belonging.';
  return db.transaction(() =>
    insertImport(db, {
      projectId: pid, userId, source: 'Bench', format: 'ris', filename: null, encoding: 'utf-8', problems: [],
      records: Array.from({ length: n }, (_, i) => ({
        record: blankRecord(`Record ${i + 1}: peer support among refugee communities, study ${i + 1}`, { abstract: abstract(i), authors: ['Author, A.', 'Author, B.'], year: 2010 + (i % 15), journal: 'Journal of Refugee Studies' }),
        duplicate: null,
      })),
    }),
  )().ids;
}

/** (a) Keypress → next record in Chromium; returns per-key samples in milliseconds. */
async function keypressLatency(records: number) {
  if (!existsSync(join(root, 'dist', 'client', 'index.html'))) {
    console.log('building the client (vite build)…');
    spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'coreview-bench-'));
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  try {
    const lead = await signUp(server.url, 'Bench Lead');
    const reviewer = await signUp(server.url, 'Bench Reviewer');
    const pid = await projectWith(lead, [{ client: reviewer, role: 'reviewer' }], 'Bench');
    await lead.patch(`/api/projects/${pid}`, { highlightTerms: { include: ['peer support', 'refugee*', 'qualitative'], exclude: ['children', 'protocol'] } });
    seed(server.db, pid, lead.user.id, records);
    const page = await (await browser.newContext({ baseURL: server.url })).newPage();
    await page.request.post('/api/auth/login', { headers: { origin: server.url }, data: { email: reviewer.user.email, password: 'a long enough password' } });
    await page.goto(`/projects/${pid}/screen/ta`);
    await page.locator('#record-title', { hasText: 'Record 1:' }).waitFor();
    await page.getByTestId('decisions-sync').filter({ hasText: 'Your decisions are saved.' }).waitFor();
    await page.waitForTimeout(1000); // let the background prefetch finish: we measure rendering from memory
    await page.evaluate(() => {
      const w = window as unknown as { __samples: { dom: number; frame: number }[] };
      w.__samples = [];
      let t0: number | null = null;
      let last = document.getElementById('record-title')?.textContent;
      document.addEventListener('keydown', () => (t0 = performance.now()), true);
      new MutationObserver(() => {
        const title = document.getElementById('record-title')?.textContent;
        if (t0 === null || title === last) return;
        last = title;
        const start = t0;
        t0 = null;
        const dom = performance.now() - start;
        requestAnimationFrame(() => w.__samples.push({ dom, frame: performance.now() - start }));
      }).observe(document.querySelector('[data-testid=record]')!, { subtree: true, childList: true, characterData: true });
    });
    const run = async (key: string, count: number) => {
      const before = await page.evaluate(() => (window as unknown as { __samples: unknown[] }).__samples.length);
      for (let i = 1; i <= count; i++) {
        await page.keyboard.press(key);
        await page.waitForFunction((n) => (window as unknown as { __samples: unknown[] }).__samples.length >= n, before + i);
      }
      return (await page.evaluate(() => (window as unknown as { __samples: { dom: number; frame: number }[] }).__samples)).slice(before);
    };
    const decide = await run('i', records - 1); // each decision saves and moves on
    const back = await run('k', records - 1); // plain navigation back through the queue
    return { decide, back };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Starts the server in a child process (so clients and server do not share an event loop). */
async function childServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []), '--import', 'tsx', join(root, 'bench', 'run.ts'), 'screening', '--serve', dataDir], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const m = /^READY (\S+)/.exec(line);
    if (m) return { url: m[1]!, stop: async () => (child.stdin!.end(), await once(child, 'exit')) as unknown as void };
  }
  throw new Error('the server child exited before it was ready');
}

/** The `--serve` mode: a server with the sync rate limit lifted (the bench writes faster than a person). */
async function serve(dataDir: string): Promise<void> {
  const server = await startServer({ dataDir, port: 0, host: '127.0.0.1', sync: { messagesPerSecond: 1_000_000 } as never });
  console.log(`READY ${server.url}`);
  process.stdin.resume();
  await once(process.stdin, 'end');
  await server.close();
}

/** A fresh project with `reviewers` reviewers and `n` records; returns their clients and the record ids. */
async function project(url: string, db: DB, reviewers: number, n: number) {
  const lead = await signUp(url, 'Lead');
  const revs: Client[] & { user: { id: string } }[] = [];
  for (let i = 0; i < reviewers; i++) revs.push(await signUp(url, `Reviewer ${i + 1}`));
  const pid = await projectWith(lead, revs.map((client) => ({ client, role: 'reviewer' })), 'Throughput');
  return { pid, revs, ids: seed(db, pid, lead.user.id, n) };
}

const count = (db: DB, pid: string) => (db.prepare('SELECT COUNT(*) AS n FROM decisions WHERE project_id = ?').get(pid) as { n: number }).n;
const value = (i: number) => ({ decision: (['include', 'exclude', 'maybe'] as const)[i % 3], reasons: [], note: '', at: new Date().toISOString() });

/** (b) One projection run: decisions/s from the first write until every decision is in SQLite. */
async function projectionRun(url: string, db: DB, reviewers: number, perReviewer: number): Promise<number> {
  const { pid, revs, ids } = await project(url, db, reviewers, perReviewer);
  const clients: SyncClient[] = await Promise.all(revs.map((r) => connectDoc(r, `p/${pid}/u/${(r as unknown as { user: { id: string } }).user.id}`)));
  await Promise.all(clients.map((c) => synced(c, 20_000)));
  const total = reviewers * perReviewer;
  const start = performance.now();
  for (const c of clients) {
    const map = c.doc.getMap('decisions:ta');
    ids.forEach((id, i) => c.doc.transact(() => map.set(id, value(i)))); // one update per decision, as a person makes them
  }
  while (count(db, pid) < total) await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - start) / 1000;
  clients.forEach((c) => c.destroy());
  return total / seconds;
}

/** (b) The peer: the same decisions written straight into SQLite with prepared statements, one transaction each. */
async function rawRun(url: string, db: DB, reviewers: number, perReviewer: number): Promise<number> {
  const { pid, revs, ids } = await project(url, db, reviewers, perReviewer);
  const upsert = db.prepare(
    `INSERT INTO decisions (project_id, stage, record_id, user_id, decision, reasons, note, client_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)
     ON CONFLICT (project_id, stage, record_id, user_id) DO UPDATE SET decision = excluded.decision, reasons = excluded.reasons,
       note = excluded.note, client_at = excluded.client_at, updated_at = excluded.updated_at`,
  );
  const event = db.prepare('INSERT INTO decision_events (project_id, stage, record_id, user_id, before, after, at) VALUES (?,?,?,?,?,?,?)');
  const write = db.transaction((rid: string, uid: string, v: ReturnType<typeof value>) => {
    const now = new Date().toISOString();
    upsert.run(pid, 'ta', rid, uid, v.decision, '[]', '', v.at, now);
    event.run(pid, 'ta', rid, uid, null, JSON.stringify(v), now);
  });
  const start = performance.now();
  for (const r of revs) ids.forEach((id, i) => write(id, (r as unknown as { user: { id: string } }).user.id, value(i)));
  return (reviewers * perReviewer) / ((performance.now() - start) / 1000);
}

/** Entry point (bench/run.ts calls it with the command-line arguments). */
export default async function main(args: string[]): Promise<void> {
  if (args[0] === '--serve') return serve(args[1]!);
  const runs = option(args, 'runs', 3);
  const reviewers = option(args, 'reviewers', 20);
  const perReviewer = option(args, 'decisions', 500);
  const records = option(args, 'records', 200);

  // One y-websocket provider per reviewer, each adding a process 'exit' listener.
  process.setMaxListeners(reviewers + 10);
  if (!args.includes('--only-projection')) {
    console.log(`(a) keypress → next record, built client in Chromium, ${records} records`);
    const lat = await keypressLatency(records);
    for (const [label, xs] of [['decide (i: save + next undecided)', lat.decide], ['navigate (k: previous)', lat.back]] as const) {
      const dom = xs.map((x) => x.dom);
      const frame = xs.map((x) => x.frame);
      console.log(`  ${label}: n=${xs.length}  title in DOM median ${fmt(median(dom))} ms, p95 ${fmt(quantile(dom, 0.95))} ms;  next frame median ${fmt(median(frame))} ms, p95 ${fmt(quantile(frame, 0.95))} ms  (goal < 16 ms)`);
    }
  }

  console.log(`(b) projection: ${reviewers} reviewers × ${perReviewer} decisions, real y-websocket clients, server in a child process; ${runs} runs`);
  const dataDir = mkdtempSync(join(tmpdir(), 'coreview-bench-'));
  const child = await childServer(dataDir);
  const db = openDatabase(join(dataDir, 'coreview.sqlite'));
  try {
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(await projectionRun(child.url, db, reviewers, perReviewer));
      raw.push(await rawRun(child.url, db, reviewers, perReviewer));
      console.log(`  run ${i + 1}: projection ${fmt(ours[i]!, 0)} decisions/s; raw better-sqlite3 ${fmt(raw[i]!, 0)} decisions/s; ratio ${fmt(ours[i]! / raw[i]!, 3)}`);
    }
    // Each run's pair ran back to back, so the per-run ratio is steadier than a ratio of medians on a busy machine.
    const ratios = ours.map((o, i) => o / raw[i]!);
    console.log(`  median: projection ${fmt(median(ours), 0)} decisions/s; raw ${fmt(median(raw), 0)} decisions/s; projection/raw (median of per-run ratios) = ${fmt(median(ratios), 3)}`);
  } finally {
    db.close();
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
