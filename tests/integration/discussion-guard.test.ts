/** The server keeps discussion threads within the blinding rule, whatever a client sends. */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced } from '../helpers/sync';
import { seedRecords } from '../helpers/records';
import { addComment, threadKey, threadKeys } from '../../shared/discussions';

const env = useTestServer();

describe('discussion threads and blinding', () => {
  it('refuses a thread on a blinded stage, accepts it once the stage is unblinded', async () => {
    const lead = await signUp(env.server.url, 'Lead');
    const a = await signUp(env.server.url, 'Alice');
    const b = await signUp(env.server.url, 'Bob');
    const pid = await projectWith(lead, [
      { client: a, role: 'reviewer' },
      { client: b, role: 'reviewer' },
    ]);
    const [rid] = seedRecords(env.server.db, pid, lead.user.id, 1);
    // A modified client (here: a raw y-websocket client) starts a thread before unblinding.
    const leaker = env.track(await connectDoc(lead, `p/${pid}/workspace`));
    const watcher = env.track(await connectDoc(b, `p/${pid}/workspace`));
    await Promise.all([synced(leaker), synced(watcher)]);
    addComment(leaker.doc, threadKey('ta', rid!), { id: lead.user.id, name: 'Lead' }, 'They disagree here', []);
    await settle(400);
    expect(threadKeys(watcher.doc)).toEqual([]);
    const fresh = env.track(await connectDoc(b, `p/${pid}/workspace`));
    await synced(fresh);
    await settle(100);
    expect(threadKeys(fresh.doc)).toEqual([]); // not stored either

    expect((await lead.post(`/api/projects/${pid}/stages/ta/unblind`)).status).toBe(200);
    const author = env.track(await connectDoc(a, `p/${pid}/workspace`));
    await synced(author);
    addComment(author.doc, threadKey('ta', rid!), { id: a.user.id, name: 'Alice' }, 'Shall we discuss?', []);
    await eventually(() => threadKeys(watcher.doc).length === 1, 5000, 'thread relayed after unblinding');
  });
});
