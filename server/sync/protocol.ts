/**
 * The y-websocket wire protocol (message types 0 sync, 1 awareness, 3 query-awareness) and the
 * checks this server adds: updates are decoded before they touch a document, and awareness
 * entries are pinned to the connection that first claimed their clientID.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Close codes sent to clients. */
export const CLOSE = {
  invalidPayload: 1007,
  unsupportedData: 1003,
  revoked: 4403,
  unauthorized: 4401,
  /** the session behind the socket ended (password change): reconnect with current credentials */
  reauthenticate: 4000,
  rateLimited: 4429,
  /** what this viewer may see changed: open a fresh document (board views) */
  viewChanged: 4409,
} as const;

export type UpdateCheck = 'ok' | 'empty' | 'invalid';

/** Decodes an update without applying it: 'invalid' if it does not parse, 'empty' if it changes nothing. */
export function checkUpdate(update: Uint8Array): UpdateCheck {
  if (update.length === 0) return 'invalid';
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0 ? 'empty' : 'ok';
  } catch {
    return 'invalid';
  }
}

/** A sync-step-1 message carrying the document's state vector. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP1);
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  return encoding.toUint8Array(e);
}

/** A sync-step-2 message with what the peer (state vector `sv`) is missing. */
export function encodeSyncStep2(doc: Y.Doc, sv: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_STEP2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, sv));
  return encoding.toUint8Array(e);
}

/** A sync update message relaying `update`. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, SYNC_UPDATE);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** An awareness message wrapping an encoded awareness update. */
export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessUpdate);
  return encoding.toUint8Array(e);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null means "this client left" */
  state: Record<string, unknown> | null;
}

/** Parses an awareness update; throws on malformed input. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  if (n > 10_000) throw new Error('too many awareness entries');
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const state = JSON.parse(decoding.readVarString(d)) as unknown;
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('bad awareness state');
    out.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  return out;
}

/** Encodes awareness entries in the wire format. */
export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}
