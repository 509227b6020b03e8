// `npm run dev`: the API + sync server on :3000 (restarting on change) and Vite's dev server on :5173.
import { spawn } from 'node:child_process';

const env = { ...process.env, ALLOWED_ORIGINS: 'http://localhost:5173' };
const procs = [
  spawn('npx', ['tsx', 'watch', 'server/main.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['vite', '--port', '5173'], { stdio: 'inherit', env }),
];
const stop = () => procs.forEach((p) => p.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
