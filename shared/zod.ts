/**
 * Where shared code gets zod from. In a browser, zod's eval-based fast path is turned off before
 * any schema is built: the server's Content-Security-Policy forbids eval, and zod probes
 * `new Function` while it constructs an object schema, at module load — a setting made later in
 * the client's entry point came too late, and every page logged a CSP violation. The server keeps
 * the fast path.
 */
import { z } from 'zod';

if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
