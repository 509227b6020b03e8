/** Argon2id password hashing (OWASP-recommended parameters: 19 MiB, 2 iterations, 1 lane). */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Hashes a password with Argon2id; the PHC string carries salt and parameters. */
export const hashPassword = (password: string) => hash(password, { ...OPTIONS, algorithm: 2 });

/** Verifies a password against a stored Argon2id hash; false on any malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let dummy: Promise<string> | null = null;
/** Spends the same time as a real verification for a login with an unknown email. */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('coreview-timing-equaliser');
  await verifyPassword(await dummy, password);
}
