/**
 * Large-project benchmark: how long the server takes, and holds its thread, to answer the reads
 * a team makes every day once a project holds 100,000 records (the import benchmark's file),
 * half of them screened by two reviewers and the stage unblinded. No peer tool serves these
 * pages, so the numbers stand alone; run it before and after a change to the records, screening
 * or PRISMA queries (tests/unit/query-plans.test.ts guards the plans themselves).
 * Usage: npm run bench -- project [--records 100000] [--runs 5] [--decided 0.5]
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardService } from '../server/screening/board';
import { stageState } from '../server/screening/stages';
import { projectWith, signUp, type Client } from '../tests/helpers/http';
import { seedDecisions } from '../tests/helpers/records';
import { startServer } from '../tests/helpers/server';
import { connectDoc, synced } from '../tests/helpers/sync';
import { buildFile } from './import';
import { median, option } from './lib/cli';


/** Wall time of one GET, body read to the end. */
async function timedGet(url: string, client: Client): Promise<{ ms: number; status: number; bytes: number }> {
  const start = performance.now();
  const res = await fetch(url, { headers: { cookie: client.cookie } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { ms: performance.now() - start, status: res.status, bytes };
}

/** Entry point (bench/run.ts calls it with the command-line arguments). */
export default async function projectBenchmark(args: string[] = []): Promise<void> {
  const count = option(args, 'records', 100_000);
  const runs = option(args, 'runs', 5);
  const decided = option(args, 'decided', 0.5);
  const dir = mkdtempSync(join(tmpdir(), 'coreview-bench-'));
  const server = await startServer({ dataDir: join(dir, 'data'), maxUploadBytes: 1024 * 1024 * 1024 });
  try {
    const file = join(dir, 'records.ris');
    await buildFile(file, count);
    const lead = await signUp(server.url, 'Lead');
    const reviewers = [await signUp(server.url, 'Alice'), await signUp(server.url, 'Bob')];
    const pid = await projectWith(lead, reviewers.map((client) => ({ client, role: 'reviewer' })));

    let start = performance.now();
    const res = await fetch(`${server.url}/api/projects/${pid}/imports?source=Bench`, {
      method: 'POST',
      headers: { cookie: lead.cookie, origin: server.url, 'content-length': String(statSync(file).size) },
      body: createReadStream(file) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    const imported = (await res.json()) as { parsed: number; added: number; duplicates: number };
    console.log(`import over HTTP: ${imported.parsed} records (${imported.added} added, ${imported.duplicates} duplicates) in ${((performance.now() - start) / 1000).toFixed(1)} s`);

    // Decisions go straight to SQLite (the sync path has its own benchmark); the reviewers disagree on one record in five.
    const ids = server.db.prepare('SELECT id FROM records WHERE project_id = ? AND duplicate_of IS NULL ORDER BY seq').pluck().all(pid) as string[];
    const screened = ids.slice(0, Math.round(ids.length * decided));
    start = performance.now();
    seedDecisions(
      server.db,
      pid,
      screened.flatMap((recordId, i) =>
        reviewers.map((r, k) => ({ recordId, userId: r.user.id, decision: i % 5 === 0 && k === 1 ? ('include' as const) : i % 3 === 0 ? ('include' as const) : ('exclude' as const) })),
      ),
    );
    console.log(`${screened.length} records screened by both reviewers, written in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    if ((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status !== 200) throw new Error('unblinding failed');

    const reads: [string, Client][] = [
      ['records?limit=50', lead],
      ['records?limit=50&q=refugee', lead],
      ['records/facets', lead],
      ['duplicates?limit=50', lead],
      ['records?stage=ta&limit=50', reviewers[0]!],
      ['decisions?stage=ta', lead],
      ['conflicts?stage=ta', lead],
      ['agreement?stage=ta', lead],
      ['prisma.json', lead],
      ['prisma/records?count=excludedScreening&limit=50', lead],
      ['export?format=ris', lead],
      ['export?format=csv&stage=ta&decision=include', lead],
    ];
    console.log(`\n${ids.length.toLocaleString('en')} primary records; medians of ${runs} runs (max in brackets):`);
    for (const [path, client] of reads) {
      const times: number[] = [];
      let last = { status: 0, bytes: 0 };
      for (let i = 0; i < runs; i++) {
        const r = await timedGet(`${server.url}/api/projects/${pid}/${path}`, client);
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
        times.push(r.ms);
        last = r;
      }
      console.log(`  GET ${path.padEnd(50)} ${median(times).toFixed(0).padStart(6)} ms (${Math.max(...times).toFixed(0)})  ${(last.bytes / 1e6).toFixed(1)} MB`);
    }
    // What each decision costs the server once its debounce ends: every open board view recomputed.
    const views = [await connectDoc(lead, `p/${pid}/board`), await connectDoc(reviewers[0]!, `p/${pid}/board`)];
    for (const view of views) await synced(view, 60_000);
    const refresh = Array.from({ length: runs }, () => {
      const t = performance.now();
      (server.deps.board as BoardService).refreshNow(pid);
      return performance.now() - t;
    });
    console.log(`  board refresh after a decision (2 open views)${' '.repeat(17)} ${median(refresh).toFixed(0).padStart(6)} ms (${Math.max(...refresh).toFixed(0)})`);
    for (const view of views) view.destroy();
    // The derivation behind every board refresh, queue page and PRISMA view.
    for (const stage of ['ta', 'ft'] as const) {
      const times = Array.from({ length: runs }, () => {
        const t = performance.now();
        stageState(server.db, pid, stage);
        return performance.now() - t;
      });
      console.log(`  stage state '${stage}' (every board refresh)${' '.repeat(25)} ${median(times).toFixed(0).padStart(6)} ms (${Math.max(...times).toFixed(0)})`);
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
