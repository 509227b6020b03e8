/**
 * The comparison log-out relies on before deleting a local copy (client/src/sync/confirm.ts): the
 * server's whole document must already hold every item and every deletion of the local one.
 * State vectors alone would miss an unsent deletion; these cases pin that down.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverHasAll } from '../../client/src/sync/confirm';

const state = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc);

/** A "server" document with two decisions, and a local copy that received all of it. */
function pair() {
  const server = new Y.Doc();
  server.getMap('decisions:ta').set('r1', { decision: 'include' });
  server.getMap('decisions:ta').set('r2', { decision: 'exclude' });
  const local = new Y.Doc();
  Y.applyUpdate(local, state(server));
  return { server, local };
}

describe('serverHasAll', () => {
  it('is true when the local copy holds only what the server has', () => {
    const { server, local } = pair();
    expect(serverHasAll(state(server), state(local))).toBe(true);
    expect(serverHasAll(state(server), state(new Y.Doc()))).toBe(true);
  });

  it('is true when the server has more than the local copy (others kept working)', () => {
    const { server, local } = pair();
    server.getMap('decisions:ta').set('r3', { decision: 'include' });
    expect(serverHasAll(state(server), state(local))).toBe(true);
  });

  it('is false for a new local item the server lacks', () => {
    const { server, local } = pair();
    local.getMap('decisions:ta').set('r3', { decision: 'include' });
    expect(serverHasAll(state(server), state(local))).toBe(false);
    Y.applyUpdate(server, state(local));
    expect(serverHasAll(state(server), state(local))).toBe(true);
  });

  it('is false for a local deletion the server lacks, though the state vectors are equal', () => {
    const { server, local } = pair();
    local.getMap('decisions:ta').delete('r1');
    expect(Y.encodeStateVector(local)).toEqual(Y.encodeStateVector(server));
    expect(serverHasAll(state(server), state(local))).toBe(false);
    Y.applyUpdate(server, state(local));
    expect(serverHasAll(state(server), state(local))).toBe(true);
  });

  it('is false for local text the server lacks, and true once it has it', () => {
    const server = new Y.Doc();
    const local = new Y.Doc();
    local.getText('theme').insert(0, 'Belonging and trust');
    expect(serverHasAll(state(server), state(local))).toBe(false);
    Y.applyUpdate(server, state(local));
    local.getText('theme').delete(0, 4);
    expect(serverHasAll(state(server), state(local))).toBe(false);
    Y.applyUpdate(server, state(local));
    expect(serverHasAll(state(server), state(local))).toBe(true);
  });
});
