/** The pure permission functions behind HTTP and sync. */
import { describe, expect, it } from 'vitest';
import { docAccess, parseDocName } from '../../shared/docnames';
import { canEditWorkspace, canManageProject, canVote, ROLES } from '../../shared/roles';

describe('document names', () => {
  it('parses the three kinds and rejects everything else', () => {
    expect(parseDocName('p/abc/u/def')).toEqual({ kind: 'private', projectId: 'abc', userId: 'def' });
    expect(parseDocName('p/abc/workspace')).toEqual({ kind: 'workspace', projectId: 'abc' });
    expect(parseDocName('p/abc/board')).toEqual({ kind: 'board', projectId: 'abc' });
    for (const bad of ['', 'p/abc', 'p/abc/u/', 'p/abc/u/def/x', 'p/../workspace', 'q/abc/board', 'p/a b/board', 'p/abc/Board']) {
      expect(parseDocName(bad)).toBeNull();
    }
  });
});

describe('docAccess', () => {
  const ws = { kind: 'workspace', projectId: 'p' } as const;
  const board = { kind: 'board', projectId: 'p' } as const;
  const mine = { kind: 'private', projectId: 'p', userId: 'me' } as const;
  const theirs = { kind: 'private', projectId: 'p', userId: 'them' } as const;
  it.each([
    ['lead', 'write', 'read', 'write', 'none'],
    ['reviewer', 'write', 'read', 'write', 'none'],
    ['co_researcher', 'write', 'read', 'write', 'none'],
    ['observer', 'read', 'read', 'write', 'none'],
    [null, 'none', 'none', 'none', 'none'],
  ] as const)('%s: workspace %s, board %s, own private %s, other private %s', (role, w, b, own, other) => {
    expect(docAccess('me', role, ws)).toBe(w);
    expect(docAccess('me', role, board)).toBe(b);
    expect(docAccess('me', role, mine)).toBe(own);
    expect(docAccess('me', role, theirs)).toBe(other);
  });
});

describe('role permissions (DESIGN section 1)', () => {
  it('only leads manage; everyone but observers edits and votes', () => {
    expect(ROLES.filter(canManageProject)).toEqual(['lead']);
    expect(ROLES.filter(canEditWorkspace)).toEqual(['lead', 'reviewer', 'co_researcher']);
    expect(ROLES.filter(canVote)).toEqual(['lead', 'reviewer', 'co_researcher']);
  });
});
