/**
 * Asks the server whether it holds everything in a local copy of a document, before log-out
 * deletes that copy.
 *
 * Why not simply trust y-websocket: version 3 has no acknowledgements. Its `synced` flag means the
 * server's answer to *our* state vector arrived (we have the server's state), not that the server
 * has ours: updates are sent fire-and-forget, and those made while disconnected travel only in the
 * next connection's sync step 2, which nothing confirms either. Comparing state vectors alone is
 * not enough: a deletion (a withdrawn decision) does not advance a state vector, so an unsent
 * delete would look synced. And a document no page has open has no provider at all.
 *
 * So we use one short-lived socket of our own per document, with the y-protocols sync messages:
 *  1. the server opens with sync step 1 (its state vector); we answer with step 2: everything it
 *     lacks (the same update y-websocket sends on reconnecting, so the server's write guards treat
 *     it alike, and a closed document's offline work is delivered here too);
 *  2. we then send step 1 with an empty state vector; the answer is the server's whole document.
 *     The server handles one socket's messages in order and synchronously (server/sync/
 *     connection.ts), so that answer already contains step 2's update if the server accepted it;
 *  3. our copy is applied onto the server's: if neither its state vector nor its delete set
 *     changes, the server has everything we have. A refused or dropped update shows up here as a
 *     difference, which is exactly the case where deleting would lose work.
 * It downloads the document once, so it runs at log-out only, and only for copies changed here.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep1, messageYjsSyncStep2 } from 'y-protocols/sync';
import { syncUrl } from './docs';

/** The y-websocket message type of sync messages (the others are awareness and auth). */
const MESSAGE_SYNC = 0;
/** An encoded empty state vector (zero clients): "send me everything". */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);
/** How long one check may take; on a connection this slow the copy is reported as unchecked. */
const CONFIRM_TIMEOUT_MS = 10_000;

/** synced: the server has it all; unsynced: it lacks something; unchecked: could not ask. */
export type Confirmation = 'synced' | 'unsynced' | 'unchecked';

/** True when `server` (a whole document as one update) already holds everything in `local`. */
export function serverHasAll(server: Uint8Array, local: Uint8Array): boolean {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, server);
    const before = Y.snapshot(doc);
    const pendingBefore = pendingOf(doc);
    Y.applyUpdate(doc, local);
    // Structs that cannot be integrated wait as "pending" without moving the state vector.
    return Y.equalSnapshots(before, Y.snapshot(doc)) && pendingOf(doc) === pendingBefore;
  } finally {
    doc.destroy();
  }
}

/** The document's not-yet-integrated content, comparable as a string. */
function pendingOf(doc: Y.Doc): string {
  const { pendingStructs, pendingDs } = doc.store;
  return `${pendingStructs ? pendingStructs.update.join() : ''}|${pendingDs ? pendingDs.join() : ''}`;
}

/** A sync message of `step` carrying `payload`. */
function syncMessage(step: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  // A copy typed as backed by a plain ArrayBuffer, which is what WebSocket.send accepts.
  return new Uint8Array(encoding.toUint8Array(e));
}

/** Sends what the server lacks of `local` (the document `name`) and checks that it now has it all. */
export function confirmOnServer(name: string, local: Uint8Array, timeoutMs = CONFIRM_TIMEOUT_MS): Promise<Confirmation> {
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${syncUrl()}/${name}`);
    } catch {
      return resolve('unchecked');
    }
    ws.binaryType = 'arraybuffer';
    let asked = false;
    const finish = (result: Confirmation) => {
      clearTimeout(timer);
      ws.onmessage = ws.onclose = ws.onerror = null;
      ws.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish('unchecked'), timeoutMs);
    // Refused upgrade (signed out, access withdrawn), server gone, or offline: we could not ask.
    ws.onclose = ws.onerror = () => finish('unchecked');
    ws.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      try {
        const d = decoding.createDecoder(new Uint8Array(event.data));
        if (decoding.readVarUint(d) !== MESSAGE_SYNC) return; // awareness of others: not ours
        const step = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (step === messageYjsSyncStep1 && !asked) {
          asked = true;
          ws.send(syncMessage(messageYjsSyncStep2, Y.diffUpdate(local, payload)));
          ws.send(syncMessage(messageYjsSyncStep1, EMPTY_STATE_VECTOR));
        } else if (step === messageYjsSyncStep2 && asked) {
          finish(serverHasAll(payload, local) ? 'synced' : 'unsynced');
        }
        // Anything else is someone's live update relayed to us: the answer we wait for still comes.
      } catch {
        finish('unchecked');
      }
    };
  });
}
