/**
 * A server process killed outright (SIGKILL: no shutdown hook runs) loses nothing it had
 * acknowledged, and an import it was in the middle of leaves nothing behind. The server runs as
 * `npm start` runs it, in a child process, on a data directory that outlives it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFile } from '../helpers/data';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced, type SyncClient } from '../helpers/sync';

const ROOT = join(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'coreview-killed-'));
const running: ChildProcess[] = [];
const docs: SyncClient[] = [];

/** Starts `server/main.ts` on a free port; resolves with its URL once it accepts work. */
async function spawnServer(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(proc);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
  });
  return { url, proc };
}

async function kill(proc: ChildProcess): Promise<void> {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

/** The same person signed in against a restarted server (sessions live in SQLite). */
function sameSession<T extends Client>(c: T, url: string): Client {
  const again = new Client(url);
  again.cookie = c.cookie;
  return again;
}

afterAll(async () => {
  for (const d of docs) d.destroy();
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a killed server', () => {
  it('keeps every decision and edit it had relayed, and a half-done import adds nothing', { timeout: 90_000 }, async () => {
    let server = await spawnServer();
    const lead = await signUp(server.url, 'Lead');
    const rev = await signUp(server.url, 'Rev');
    const pid = await projectWith(lead, [{ client: rev, role: 'reviewer' }]);
    const ris = dataFile('citesource_wildfire/medline_84.ris');
    const imported = await lead.request('POST', `/api/projects/${pid}/imports?source=MEDLINE`, ris, { 'content-type': 'application/octet-stream' });
    expect(imported.status).toBe(201);
    const ids = ((await lead.get(`/api/projects/${pid}/records?limit=10`)).body.records as { id: string }[]).map((r) => r.id);

    // Decisions in the reviewer's private document, and a shared edit in the workspace; a second
    // connection seeing them means the server relayed them, which it does only after storing them.
    const mine = await connectDoc(rev, `p/${pid}/u/${rev.user.id}`);
    const echo = await connectDoc(rev, `p/${pid}/u/${rev.user.id}`);
    const ws = await connectDoc(lead, `p/${pid}/workspace`);
    const wsEcho = await connectDoc(lead, `p/${pid}/workspace`);
    docs.push(mine, echo, ws, wsEcho);
    await Promise.all(docs.map((d) => synced(d)));
    const at = new Date().toISOString();
    ids.slice(0, 5).forEach((id, i) => mine.doc.getMap('decisions:ta').set(id, { decision: i % 2 ? 'exclude' : 'include', reasons: [], note: '', at }));
    ws.doc.getText('notes').insert(0, 'written just before the crash');
    await eventually(() => echo.doc.getMap('decisions:ta').size === 5, 5000, 'decisions relayed');
    await eventually(() => wsEcho.doc.getText('notes').toString() === 'written just before the crash', 5000, 'edit relayed');

    await kill(server.proc);
    for (const d of docs.splice(0)) d.destroy();
    server = await spawnServer();
    const lead2 = sameSession(lead, server.url);
    const rev2 = sameSession(rev, server.url);
    const back = await connectDoc(rev2, `p/${pid}/u/${rev.user.id}`);
    const wsBack = await connectDoc(lead2, `p/${pid}/workspace`);
    docs.push(back, wsBack);
    await Promise.all([synced(back), synced(wsBack)]);
    expect(back.doc.getMap('decisions:ta').size).toBe(5);
    expect(wsBack.doc.getText('notes').toString()).toBe('written just before the crash');
    // the decisions also reached SQLite, where progress and conflicts are computed
    const decisions = await lead2.get(`/api/projects/${pid}/decisions?stage=ta`);
    expect(decisions.status).toBe(200);
    const decided = (decisions.body.records as { decisions: unknown[] }[]).filter((r) => r.decisions.length === 1);
    expect(decided).toHaveLength(5);

    // Kill the server while it parses a large import (19 MB; its first progress line comes after the
    // first 1 MiB): after the restart, no record of it exists.
    const before = (await lead2.get(`/api/projects/${pid}/records?limit=1`)).body.total as number;
    const big = Buffer.from(
      Array.from({ length: 200_000 }, (_, i) => `TY  - JOUR\nTI  - Study ${i} of sleep after wildfire smoke exposure\nAU  - Author ${i % 97}\nPY  - 2021\nER  - \n`).join(''),
    );
    const res = await fetch(`${server.url}/api/projects/${pid}/imports?source=Big`, {
      method: 'POST',
      body: big,
      headers: { cookie: lead2.cookie, origin: server.url, accept: 'application/x-ndjson', 'content-type': 'application/octet-stream' },
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/"progress"/);
    await kill(server.proc);
    await reader.cancel().catch(() => undefined);

    server = await spawnServer();
    const lead3 = sameSession(lead, server.url);
    expect((await lead3.get(`/api/projects/${pid}/records?limit=1`)).body.total).toBe(before);
    const imports = (await lead3.get(`/api/projects/${pid}/imports`)).body.imports as { source: string }[];
    expect(imports.map((i) => i.source)).toEqual(['MEDLINE']);
    // and the next import works as ever
    const again = await lead3.request('POST', `/api/projects/${pid}/imports?source=MEDLINE%20again`, ris, { 'content-type': 'application/octet-stream' });
    expect(again.status).toBe(201);
    expect(again.body.duplicates).toBe(again.body.parsed);
    await kill(server.proc);
  });
});
