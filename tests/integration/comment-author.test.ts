/** Synthesis comments carry their writer's name: the server refuses comments in someone else's. */
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/lifecycle';
import { projectWith, signUp } from '../helpers/http';
import { connectDoc, eventually, settle, synced } from '../helpers/sync';
import * as W from '../../shared/workspace';

const env = useTestServer();

describe('comment authorship', () => {
  it('accepts own comments and resolving others’, refuses comments in another person’s name', async () => {
    const lead = await signUp(env.server.url, 'Lena');
    const co = await signUp(env.server.url, 'Cora');
    const pid = await projectWith(lead, [{ client: co, role: 'co_researcher' }]);
    const l = env.track(await connectDoc(lead, `p/${pid}/workspace`));
    const c = env.track(await connectDoc(co, `p/${pid}/workspace`));
    await Promise.all([synced(l), synced(c)]);
    const theme = W.createTheme(l.doc, { name: 'Belonging', kind: 'descriptive' }, lead.user.id);
    const mine = W.addComment(l.doc, { kind: 'theme', themeId: theme }, 'My own note', { id: lead.user.id, name: 'Lena' });
    await eventually(() => W.thread(c.doc, { kind: 'theme', themeId: theme }).length === 1, 5000, 'own comment relayed');
    // Cora's (modified) client writes a comment as if Lena wrote it: refused, never relayed.
    W.addComment(c.doc, { kind: 'theme', themeId: theme }, 'Forged words', { id: lead.user.id, name: 'Lena' });
    await settle(400);
    expect(W.thread(l.doc, { kind: 'theme', themeId: theme }).map((x) => x.text)).toEqual(['My own note']);
    // Resolving Lena's comment keeps its author and is accepted.
    const fresh = env.track(await connectDoc(co, `p/${pid}/workspace`));
    await synced(fresh);
    W.setCommentResolved(fresh.doc, mine, true, co.user.id);
    await eventually(() => W.thread(l.doc, { kind: 'theme', themeId: theme })[0]?.resolved === true, 5000, 'resolve relayed');
  });
});
