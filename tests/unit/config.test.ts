/** Settings from the environment: defaults, overrides, and a clear error for a bad value. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

describe('configuration', () => {
  it('limits uploads to 200 MB unless MAX_UPLOAD_MB says otherwise', () => {
    expect(loadConfig({}, {}).maxUploadBytes).toBe(200 * 1024 * 1024);
    expect(loadConfig({}, { MAX_UPLOAD_MB: '512' }).maxUploadBytes).toBe(512 * 1024 * 1024);
    expect(loadConfig({ maxUploadBytes: 1000 }, { MAX_UPLOAD_MB: '512' }).maxUploadBytes).toBe(1000);
  });

  it('refuses to start with an upload limit that is not a whole number of megabytes', () => {
    for (const bad of ['abc', '0', '-5', '1.5', '5000']) {
      expect(() => loadConfig({}, { MAX_UPLOAD_MB: bad }), bad).toThrow(`MAX_UPLOAD_MB must be a whole number of megabytes from 1 to 4096, not "${bad}".`);
    }
  });

  it('reads the port and data folder from the environment', () => {
    const c = loadConfig({}, { PORT: '8080', DATA_DIR: '/var/lib/coreview' });
    expect([c.port, c.dataDir]).toEqual([8080, '/var/lib/coreview']);
  });
});
