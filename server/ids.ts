/** Random identifiers and secrets. */
import { createHash, randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

// A 100,000-record import needs 100,000 ids: one call into OpenSSL per 400 ids instead of per id.
const idPool = Buffer.allocUnsafe(4000);
let idPoolAt = idPool.length;

/** A 16-character id (80 random bits), safe in URLs and Yjs document names. */
export function newId(): string {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  idPoolAt += 10;
  return base32(idPool.subarray(idPoolAt - 10, idPoolAt));
}

/** A secret token with 160 random bits (sessions, invitations, tickets), as lucia-auth.com recommends. */
export const newToken = () => base32(randomBytes(20));

/** SHA-256 hex digest: how secrets are stored, so a database leak yields no usable token. */
export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** The current time as an ISO string (one place, so tests and events agree on the format). */
export const nowIso = () => new Date().toISOString();
