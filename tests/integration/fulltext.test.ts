/**
 * Full texts: PDF upload (magic check, size limit, atomic replace), reading it back, links, and who
 * may do what — including the blinding rule (which records reach full text is others' data).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { Client, projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, synced } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { listDecisions } from '../../server/screening/repo';
import { listEvents } from '../../server/audit/events';

const MB = 1024 * 1024;
let server: TestServer;
let lead: Awaited<ReturnType<typeof signUp>>;
let reviewers: Awaited<ReturnType<typeof signUp>>[];
let observer: Awaited<ReturnType<typeof signUp>>;
let stranger: Awaited<ReturnType<typeof signUp>>;
let pid: string;
let ids: string[];

/** A small valid-looking PDF with a marker, so round trips can compare bytes. */
const pdf = (marker: string) => new TextEncoder().encode(`%PDF-1.4\n% ${marker}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
const path = (rid: string) => `/api/projects/${pid}/records/${rid}/fulltext`;
const upload = (c: Client, rid: string, body: Uint8Array | string) => c.request('POST', path(rid), body, { 'content-type': 'application/pdf' });

beforeAll(async () => {
  server = await startServer();
  lead = await signUp(server.url, 'Lead');
  reviewers = [await signUp(server.url, 'Rev A'), await signUp(server.url, 'Rev B')];
  observer = await signUp(server.url, 'Observer');
  stranger = await signUp(server.url, 'Stranger');
  pid = await projectWith(lead, [
    ...reviewers.map((client) => ({ client, role: 'reviewer' })),
    { client: observer, role: 'observer' },
  ]);
  ids = seedRecords(server.db, pid, lead.user.id, 3);
  // Both reviewers include records 0 and 1 and exclude record 2 at title/abstract.
  for (const r of reviewers) {
    const c = await connectDoc(r, `p/${pid}/u/${r.user.id}`);
    await synced(c);
    const at = new Date().toISOString();
    c.doc.transact(() => {
      const m = c.doc.getMap('decisions:ta');
      m.set(ids[0]!, { decision: 'include', reasons: [], note: '', at });
      m.set(ids[1]!, { decision: 'include', reasons: [], note: '', at });
      m.set(ids[2]!, { decision: 'exclude', reasons: [], note: '', at });
    });
    await eventually(() => listDecisions(server.db, pid, 'ta').filter((d) => d.userId === r.user.id).length === 3, 5000, 'decisions projected');
    c.destroy();
  }
});

afterAll(async () => {
  await server?.close();
});

describe('full texts', () => {
  it('keeps full texts closed to anyone still blinded at title/abstract, and to non-members', async () => {
    const blinded = await upload(reviewers[0]!, ids[0]!, pdf('early'));
    expect(blinded.status).toBe(403);
    expect(blinded.body.error.code).toBe('blinded');
    // The same answer for a record that did not reach full text: nothing is revealed.
    const other = await upload(reviewers[0]!, ids[2]!, pdf('early'));
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('blinded');
    expect((await reviewers[0]!.get(`/api/projects/${pid}/fulltexts`)).status).toBe(403);
    expect((await upload(stranger, ids[0]!, pdf('x'))).status).toBe(404);
    expect((await stranger.get(path(ids[0]!))).status).toBe(404);
    expect((await new Client(server.url).get(path(ids[0]!))).status).toBe(401);
  });

  it('stores an uploaded PDF atomically and serves the same bytes back', async () => {
    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const bytes = pdf('round trip');
    const res = await upload(reviewers[0]!, ids[0]!, bytes);
    expect(res.status).toBe(201);
    expect(res.body.fulltext).toMatchObject({ recordId: ids[0], kind: 'file', size: bytes.length });

    const file = join(server.dataDir, 'fulltext', pid, `${ids[0]}.pdf`);
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
    expect(readdirSync(join(server.dataDir, 'fulltext', pid)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Any member reads it, observers included.
    const got = await fetch(server.url + path(ids[0]!), { headers: { cookie: observer.cookie } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    const etag = got.headers.get('etag')!;
    const again = await fetch(server.url + path(ids[0]!), { headers: { cookie: observer.cookie, 'if-none-match': etag } });
    expect(again.status).toBe(304);

    const list = await reviewers[1]!.get(`/api/projects/${pid}/fulltexts`);
    expect(list.body.fulltexts.map((f: { recordId: string }) => f.recordId)).toEqual([ids[0]]);
    const events = listEvents(server.db, pid).filter((e) => e.type === 'record.fulltext_uploaded');
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(reviewers[0]!.user.id);
  });

  it('refuses a file that is not a PDF (400) and leaves the stored one untouched', async () => {
    const bad = await upload(reviewers[1]!, ids[0]!, 'PK\u0003\u0004 this is a zip, not a PDF');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('not_pdf');
    expect((await upload(reviewers[1]!, ids[0]!, new Uint8Array(0))).status).toBe(400);
    expect((await upload(reviewers[1]!, ids[0]!, '%PD')).status).toBe(400);
    const got = await fetch(server.url + path(ids[0]!), { headers: { cookie: lead.cookie } });
    expect(new TextDecoder().decode(await got.arrayBuffer())).toContain('round trip');
    expect(readdirSync(join(server.dataDir, 'fulltext', pid)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses files over 50 MB with 413, whether the size is declared or streamed', async () => {
    const big = new Uint8Array(50 * MB + 1);
    big.set(pdf('big'));
    const declared = await upload(reviewers[0]!, ids[1]!, big);
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('too_large');

    // Chunked: no Content-Length, so the limit is enforced while streaming.
    const chunk = new Uint8Array(4 * MB);
    chunk.set(pdf('stream'));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 52 * MB) return controller.close();
        controller.enqueue(sent === 0 ? chunk : new Uint8Array(4 * MB));
        sent += 4 * MB;
      },
    });
    const streamed = await fetch(server.url + path(ids[1]!), {
      method: 'POST',
      headers: { cookie: reviewers[0]!.cookie, origin: server.url, 'content-type': 'application/pdf' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(existsSync(join(server.dataDir, 'fulltext', pid, `${ids[1]}.pdf`))).toBe(false);
    expect(readdirSync(join(server.dataDir, 'fulltext', pid)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('accepts full texts only for records at the full-text stage, from leads and screeners, with our Origin', async () => {
    const notAtFt = await upload(reviewers[0]!, ids[2]!, pdf('excluded'));
    expect(notAtFt.status).toBe(409);
    expect(notAtFt.body.error.code).toBe('not_at_full_text');
    expect((await upload(observer, ids[1]!, pdf('observer'))).status).toBe(403);
    expect((await upload(lead, ids[1]!, pdf('lead'))).status).toBe(201);
    expect((await upload(reviewers[0]!, 'no-such-record', pdf('x'))).status).toBe(404);
    const noOrigin = new Client(server.url, null);
    noOrigin.cookie = reviewers[0]!.cookie;
    expect((await noOrigin.request('POST', path(ids[1]!), pdf('x'))).status).toBe(403);
  });

  it('links a full text instead (http and https only), replacing an uploaded file', async () => {
    const put = (c: Client, url: unknown) => c.request('PUT', `${path(ids[1]!)}-link`, { url });
    expect((await put(reviewers[1]!, 'javascript:alert(1)')).status).toBe(400);
    expect((await put(reviewers[1]!, 'ftp://example.org/paper.pdf')).status).toBe(400);
    expect((await put(reviewers[1]!, 'not a url')).status).toBe(400);
    const ok = await put(reviewers[1]!, 'https://doi.org/10.1000/example');
    expect(ok.status).toBe(200);
    expect(ok.body.fulltext).toMatchObject({ kind: 'link', url: 'https://doi.org/10.1000/example' });
    const got = await fetch(server.url + path(ids[1]!), { headers: { cookie: observer.cookie }, redirect: 'manual' });
    expect(got.status).toBe(303);
    expect(got.headers.get('location')).toBe('https://doi.org/10.1000/example');
    expect(existsSync(join(server.dataDir, 'fulltext', pid, `${ids[1]}.pdf`))).toBe(false);
    expect(listEvents(server.db, pid).some((e) => e.type === 'record.fulltext_linked' && e.entityId === ids[1])).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
