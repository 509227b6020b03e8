/**
 * English strings for working offline. Spread into the one table in ../en.ts. Calm and practical:
 * say what is missing and the one thing that fixes it.
 */
export const offlineStrings = {
  'offline.notCached': 'You’re offline, and this page hasn’t been opened on this device before. Open it once while you are connected, and it will work offline after that.',
};
