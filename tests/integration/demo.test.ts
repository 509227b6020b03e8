/** `npm run demo` builds a working demo: real records, printed accounts that can log in, blinded decisions. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../helpers/server';
import { Client } from '../helpers/http';

const DATA = join(import.meta.dirname, '../../../shared/data/citesource_wildfire');

describe('npm run demo', () => {
  it('creates accounts that can log in and a project with the real search imported', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coreview-demo-'));
    try {
      const out = execFileSync('npx', ['tsx', 'scripts/demo.ts'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 120_000 });
      for (const f of ['medline_84.ris', 'wos_278.ris', 'lens_343.ris', 'Dimensions_246.ris', 'envindex_100.ris', 'econlit_3.ris']) {
        const n = (readFileSync(join(DATA, f), 'utf8').match(/^ER {2}-/gm) ?? []).length;
        expect(out).toContain(`Imported ${f} as`);
        expect(out).toMatch(new RegExp(`${f.replace('.', '\\.')} as "[^"]+": ${n} parsed`));
      }
      const accounts = [...out.matchAll(/(\S+@demo\.coreview\.test)\s+(demo-[0-9a-f]+)/g)].map((m) => ({ email: m[1]!, password: m[2]! }));
      expect(accounts).toHaveLength(4);
      const server = await startServer({ dataDir });
      try {
        const lead = new Client(server.url);
        expect((await lead.post('/api/auth/login', accounts[0])).status).toBe(200);
        const projects = (await lead.get('/api/projects')).body.projects;
        expect(projects).toHaveLength(1);
        const pid = projects[0].id;
        const members = (await lead.get(`/api/projects/${pid}/members`)).body.members.map((m: { role: string }) => m.role).sort();
        expect(members).toEqual(['co_researcher', 'lead', 'reviewer', 'reviewer']);
        // The lead does not screen, so they see live progress; reviewers stay blinded.
        const decisions = await lead.get(`/api/projects/${pid}/decisions?stage=ta`);
        expect(decisions.body.blinded).toBe(false);
        expect(decisions.body.records.filter((r: { decisions: unknown[] }) => r.decisions.length === 2).length).toBeGreaterThan(100);
        const reviewer = new Client(server.url);
        await reviewer.post('/api/auth/login', accounts[1]);
        expect((await reviewer.get(`/api/projects/${pid}/conflicts?stage=ta`)).status).toBe(403);
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
