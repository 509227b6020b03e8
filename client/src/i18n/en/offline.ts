/**
 * English strings for working offline. Spread into the one table in ../en.ts. Calm and practical:
 * say what is missing and the one thing that fixes it.
 */
export const offlineStrings = {
  'offline.notCached': 'You’re offline, and this page hasn’t been opened on this device before. Open it once while you are connected, and it will work offline after that.',

  // Logging out deletes this person's work from the device; first it makes sure none would be lost.
  'logout.checking': 'Logging out…',
  'logout.unsynced.title': 'Some of your work is only on this device',
  'logout.unsynced.count': {
    one: '{count} item has changes that have not reached the server yet.',
    other: '{count} items have changes that have not reached the server yet.',
  },
  'logout.unsynced.cannotCheck': 'Coreview could not reach the server to check, for example because you are offline.',
  'logout.unsynced.explain': 'Logging out deletes your work from this device. If you stay logged in, your changes are sent as soon as Coreview can reach the server.',
  'logout.unsynced.stay': 'Stay signed in until they sync',
  'logout.unsynced.discard': 'Log out and discard them',
  'logout.unsynced.stayed': 'You are still logged in. Your changes will be sent when Coreview can reach the server. Then you can log out safely.',
};
