/**
 * Runs one benchmark: `npm run bench -- <name> [args…]` imports bench/<name>.ts and awaits
 * its default export with the remaining arguments. Without a name it lists the benchmarks.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Names of the benchmark modules beside this file. */
export function benchmarkNames(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

const [name, ...args] = process.argv.slice(2);
const names = benchmarkNames();
if (!name) {
  console.log(`usage: npm run bench -- <name> [args]\navailable: ${names.join(', ')}`);
} else if (!names.includes(name)) {
  console.error(`unknown benchmark "${name}"; available: ${names.join(', ')}`);
  process.exitCode = 2;
} else {
  const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as { default?: (args: string[]) => unknown };
  if (typeof mod.default !== 'function') {
    console.error(`bench/${name}.ts has no default export to run`);
    process.exitCode = 2;
  } else {
    await mod.default(args);
  }
}
