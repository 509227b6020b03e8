/**
 * The server's Content-Security-Policy forbids eval. Zod probes `new Function` when it builds an
 * object schema, which makes the browser log a CSP violation (harmless, but noise in every
 * console), so turn its eval-based fast path off before any schema module is evaluated.
 * main.tsx imports this file first for that reason.
 */
import { z } from 'zod';

z.config({ jitless: true });
