/**
 * Import benchmark: builds a large RIS file from the real RIS exports in ../shared/data,
 * then times (each run in a fresh child process, so peak RSS is per run) our streaming
 * parse, our parse + de-duplicate + SQLite insert, and citation-js parsing the same file two ways.
 * Usage: npm run bench -- import [--records 100000] [--runs 3] [--cite-runs 1] [--keep]
 * (--keep leaves the temp dir for profiling; --cite-runs 0 skips `new Cite`, which takes minutes)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectFormatFromContent, parseFile } from '../server/records/formats';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/database';
import { startCheckpointer } from '../server/db/checkpointer';
import { runMigrations } from '../server/db/migrate';
import { LoginThrottle } from '../server/auth/throttle';
import { insertUser } from '../server/auth/users';
import { createProject } from '../server/projects/service';
import { importFile } from '../server/records/import';
import { newId, nowIso } from '../server/ids';
import type { Deps } from '../server/context';
import { prng } from '../tests/helpers/random';
import { median, option } from './lib/cli';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
const dataDir = join(repoRoot, '..', 'shared', 'data');

type Mode = 'parse' | 'pipeline' | 'peer' | 'cite';
interface RunResult {
  mode: Mode;
  ms: number;
  /** CPU time of the process over the same span (all threads): less sensitive to a busy machine */
  cpuMs: number;
  records: number;
  duplicates: number;
  maxRssMb: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Raw records (arrays of lines from TY to ER) of every RIS file in the data folder. */
function realRisRecords(): { files: string[]; records: string[][] } {
  const files = walk(dataDir).filter((p) => /\.(ris|txt)$/i.test(p));
  const used: string[] = [];
  const records: string[][] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    if (detectFormatFromContent(text.slice(0, 65536))?.format !== 'ris') continue;
    used.push(relative(dataDir, file));
    let current: string[] | null = null;
    for (const line of text.split(/\r\n|\r|\n/)) {
      if (/^TY {2}-/.test(line)) current = [];
      if (!current) continue;
      current.push(line);
      if (/^ER {2}-/.test(line)) {
        records.push(current);
        current = null;
      }
    }
  }
  return { files: used, records };
}

/**
 * Writes `count` records cycling through the real ones. The first pass copies them as they
 * are; later passes change ids, DOIs and ~40% of title words (so they are new records),
 * except one in ten, which stays a copy with a new id: a planted duplicate.
 */
export async function buildFile(path: string, count: number): Promise<{ sources: number; files: number; planted: number; rejected: number }> {
  const real = realRisRecords();
  const files = real.files;
  // citation-js throws on some real records (e.g. a repeated DO tag); leave those out so both parse the same file
  const { plugins } = await loadPeer();
  const records = real.records.filter((lines) => {
    try {
      plugins.input.chain(`${lines.join('\n')}\n`, { generateGraph: false, target: '@csl/list+object' });
      return true;
    } catch {
      return false;
    }
  });
  const vocabulary = [
    ...new Set(records.flatMap((r) => r.filter((l) => /^(TI|T1) {2}-/.test(l)).flatMap((l) => l.slice(6).split(/\s+/)))),
  ].filter((w) => /^[A-Za-z]{4,}$/.test(w));
  const random = prng(20240601);
  const out = createWriteStream(path);
  let planted = 0;
  for (let i = 0; i < count; i++) {
    const cycle = Math.floor(i / records.length);
    const source = records[i % records.length];
    const copy = cycle > 0 && random() < 0.1;
    if (copy) planted++;
    const lines = source.map((line) => {
      if (cycle === 0) return line;
      const tag = line.slice(0, 2);
      if ((tag === 'ID' || tag === 'AN') && line.startsWith(`${tag}  -`)) return `${line}-c${cycle}`;
      if (copy) return line;
      // a new record gets a new DOI, also where exporters put it in links or notes
      if (tag !== 'TI' && tag !== 'T1' && tag !== 'AB' && /10\.\d{4,9}\//.test(line)) {
        line = line.replace(/10\.\d{4,9}\/[^\s"<>&]+/g, (doi) => `${doi}.c${cycle}`);
      }
      // PubMed ids also live in notes, custom fields and links: a new record gets new ones
      if (tag !== 'TI' && tag !== 'T1' && tag !== 'AB' && /PMID|pubmed/i.test(line)) {
        return line.replace(/(PMID:?\s*|pubmed\/|nih\.gov\/)(\d+)|(\d+)(\s*\[PMID\])/gi, (m) => m.replace(/\d+/, (d) => `${d}${cycle}`));
      }
      if ((tag === 'TI' || tag === 'T1') && line.startsWith(`${tag}  -`)) {
        const words = line.slice(6).split(' ').map((w) => (random() < 0.4 ? vocabulary[Math.floor(random() * vocabulary.length)] : w));
        return `${tag}  - ${words.join(' ')}`;
      }
      return line;
    });
    if (!out.write(`${lines.join('\n')}\n\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { sources: records.length, files: files.length, planted, rejected: real.records.length - records.length };
}

/** Our parser alone, records handed to a callback and dropped. */
async function runParse(file: string): Promise<Omit<RunResult, 'maxRssMb' | 'mode' | 'cpuMs'>> {
  let records = 0;
  const t = performance.now();
  await parseFile(file, { onRecord: () => records++, onRestart: () => (records = 0) });
  return { ms: performance.now() - t, records, duplicates: 0 };
}

/**
 * The real import path: `importFile` (streamed parse, de-duplication against the project and
 * within the file, staged batches, one final transaction) into a fresh Coreview database with
 * every migration applied, for a real project, with the server's checkpointer running.
 */
async function runPipeline(file: string, dir: string): Promise<Omit<RunResult, 'maxRssMb' | 'mode' | 'cpuMs'>> {
  // a fresh database per run: emptying the last run's 500 MB table would cost more than the import
  const dataDir = join(dir, 'data');
  rmSync(dataDir, { recursive: true, force: true });
  const config = loadConfig({ dataDir });
  const dbFile = join(dataDir, 'coreview.sqlite');
  const db = openDatabase(dbFile);
  runMigrations(db, config.migrationsDir);
  // as in the server: WAL checkpoints run on their own thread, not after the import's commit
  const checkpointer = startCheckpointer(db, dbFile);
  const deps = {
    db,
    config,
    throttle: new LoginThrottle(),
    sync: { revokeMember() {}, closeSessionSockets() {}, closeUserSockets() {}, loadedDocs: () => [], reconnectViews() {} },
    board: { refresh() {}, audienceChanged() {} },
  } satisfies Deps;
  const userId = newId();
  insertUser(db, { id: userId, email: 'bench@example.org', name: 'Bench', passwordHash: 'x', createdAt: nowIso() });
  const { project } = createProject(deps, userId, { title: 'Benchmark' });
  const t = performance.now();
  const result = await importFile(deps, userId, project.id, { path: file, filename: 'bench.ris', source: 'Benchmark' });
  const ms = performance.now() - t;
  const stored = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  await checkpointer.stop();
  db.close();
  if (stored !== result.parsed) throw new Error(`stored ${stored} of ${result.parsed} records`);
  return { ms, records: stored, duplicates: result.duplicates };
}

interface CitationJs {
  plugins: { input: { chain(input: string, options: object): unknown } };
  Cite: new (input: string) => { data: unknown[] };
}

/** citation-js ships no type declarations; a computed specifier keeps tsc from looking for them. */
async function loadPeer(): Promise<CitationJs> {
  const core = '@citation-js/core';
  const ris = '@citation-js/plugin-ris';
  const peer = (await import(core)) as CitationJs;
  await import(ris);
  return peer;
}

/**
 * citation-js parsing the same text to CSL-JSON: `peer` through its fastest documented path
 * (`Cite.input`, which is `plugins.input.chain`, without the parse graph), `cite` through
 * `new Cite(text)`, the API its README leads with.
 */
async function runPeer(file: string, mode: 'peer' | 'cite'): Promise<Omit<RunResult, 'maxRssMb' | 'mode' | 'cpuMs'>> {
  const { plugins, Cite } = await loadPeer();
  const t = performance.now();
  const text = await readFile(file, 'utf8');
  const items = mode === 'cite' ? new Cite(text).data : (plugins.input.chain(text, { generateGraph: false, target: '@csl/list+object' }) as unknown[]);
  return { ms: performance.now() - t, records: items.length, duplicates: 0 };
}

async function worker(mode: Mode, file: string, dir: string): Promise<void> {
  if (mode === 'peer' || mode === 'cite') await loadPeer(); // module loading stays out of the measured span, as for ours
  const cpu = process.cpuUsage();
  const run = mode === 'parse' ? await runParse(file) : mode === 'pipeline' ? await runPipeline(file, dir) : await runPeer(file, mode);
  const used = process.cpuUsage(cpu);
  const result: RunResult = { mode, ...run, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function spawnRun(mode: Mode, file: string, dir: string): RunResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--bench-worker', mode, file, dir], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`${mode} run failed:\n${child.stderr}`);
  return JSON.parse(line) as RunResult;
}

/** Builds the file, runs each contender several times, prints medians. */
export default async function importBenchmark(args: string[] = []): Promise<void> {
  const count = option(args, 'records', 100_000);
  const runs = option(args, 'runs', 3);
  const citeRuns = option(args, 'cite-runs', 1);
  const dir = mkdtempSync(join(tmpdir(), 'coreview-bench-'));
  try {
    const file = join(dir, 'records.ris');
    const built = await buildFile(file, count);
    const mb = statSync(file).size / 1e6;
    console.log(
      `file: ${count} records, ${mb.toFixed(1)} MB, cycled from ${built.sources} records in ${built.files} real RIS files ` +
        `(${built.rejected} records citation-js cannot parse left out); ${built.planted} planted copies`,
    );
    if (runs === 0) return; // only build the file (with --keep, for profiling)
    const results: RunResult[] = [];
    for (let i = 0; i < Math.max(runs, citeRuns); i++) {
      const modes: Mode[] = i < runs ? ['parse', 'pipeline', 'peer'] : [];
      if (i < citeRuns) modes.push('cite');
      for (const mode of modes) {
        const r = spawnRun(mode, file, dir);
        results.push(r);
        console.log(
          `  run ${i + 1} ${mode.padEnd(8)} ${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s)  ` +
            `${r.records} records  ${r.duplicates} duplicates  peak RSS ${r.maxRssMb.toFixed(0)} MB`,
        );
      }
    }
    const summary = (mode: Mode) => {
      const rs = results.filter((r) => r.mode === mode);
      const ms = median(rs.map((r) => r.ms));
      const cpuMs = median(rs.map((r) => r.cpuMs));
      return { ms, cpuMs, perSecond: (rs[0].records / ms) * 1000, rss: median(rs.map((r) => r.maxRssMb)), duplicates: rs[0].duplicates };
    };
    const parse = summary('parse');
    const pipeline = summary('pipeline');
    const peer = summary('peer');
    const cite = citeRuns > 0 ? summary('cite') : null;
    const row = (label: string, s: ReturnType<typeof summary>) =>
      `${label.padEnd(40)} ${(s.ms / 1000).toFixed(2).padStart(7)} s ${Math.round(s.perSecond).toLocaleString('en').padStart(9)} records/s  ` +
      `CPU ${(s.cpuMs / 1000).toFixed(2)} s  peak RSS ${s.rss.toFixed(0)} MB`;
    const ratio = (a: ReturnType<typeof summary>, b: ReturnType<typeof summary>) =>
      `${(a.perSecond / b.perSecond).toFixed(1)}x wall, ${(b.cpuMs / a.cpuMs).toFixed(1)}x CPU`;
    console.log(`\nmedians of ${runs} runs${cite ? ` (new Cite: ${citeRuns})` : ''}:`);
    console.log(row('ours: parse', parse));
    console.log(row('ours: parse + dedup + SQLite insert', pipeline));
    console.log(row('citation-js: Cite.input (no graph)', peer));
    if (cite) console.log(row('citation-js: new Cite(text)', cite));
    console.log(`duplicates found: ${pipeline.duplicates} (planted copies: ${built.planted}, plus duplicates within the source files)`);
    console.log(`ratio parse vs Cite.input: ${ratio(parse, peer)}`);
    console.log(`ratio full import vs Cite.input: ${ratio(pipeline, peer)}`);
    if (cite) {
      console.log(`ratio parse vs new Cite: ${ratio(parse, cite)}`);
      console.log(`ratio full import vs new Cite: ${ratio(pipeline, cite)}`);
    }
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
    const verdict = (x: number) => `${x.toFixed(1)}x, ${x >= 10 ? 'met' : 'NOT met'}`;
    console.log('goal: at least 10x citation-js');
    console.log(`  full import vs new Cite (the README's API): ${cite ? verdict(pipeline.perSecond / cite.perSecond) : 'not measured (--cite-runs 0)'}`);
    console.log(`  full import vs Cite.input (the fastest API): ${verdict(pipeline.perSecond / peer.perSecond)}`);
    console.log(`  parse alone vs Cite.input: ${verdict(parse.perSecond / peer.perSecond)}`);
    console.log(`goal: full import of ${count.toLocaleString('en')} records under 10 s: ${(pipeline.ms / 1000).toFixed(2)} s, ${pipeline.ms < 10_000 ? 'met' : 'NOT met'}`);
  } finally {
    if (args.includes('--keep')) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--bench-worker')) {
  const at = process.argv.indexOf('--bench-worker');
  const [mode, file, dir] = process.argv.slice(at + 1) as [Mode, string, string];
  await worker(mode, file, dir);
}
