/** Entry point for `npm start`: serves Coreview on PORT (default 3000) with data in DATA_DIR (default ./data). */
import { startServer } from './server';

const server = await startServer();
console.log(`Coreview is running at ${server.url} (data in ${server.config.dataDir})`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  });
}
