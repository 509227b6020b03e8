/** /api/projects/*, members and invitations (the audit log is in server/audit/routes.ts). */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { createInvitationBody, createProjectBody, patchMemberBody, patchProjectBody } from '../../shared/api';
import { parseBody, requireUser } from '../http/middleware';
import { listProjectsOf } from './repo';
import * as service from './service';
import { acceptInvitation, createInvitation, previewInvitation } from './invitations';

/** Routes for projects, their members and invitations. */
export function projectRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/projects', (c) => c.json({ projects: listProjectsOf(deps.db, requireUser(c).id) }))
    .post('/projects', async (c) => {
      const user = requireUser(c);
      const body = await parseBody(c, createProjectBody);
      return c.json(service.createProject(deps, user.id, body), 201);
    })
    .get('/projects/:pid', (c) => c.json(service.getProject(deps, requireUser(c).id, c.req.param('pid'))))
    .patch('/projects/:pid', async (c) => {
      const user = requireUser(c);
      const body = await parseBody(c, patchProjectBody);
      return c.json(service.updateProjectSettings(deps, user.id, c.req.param('pid'), body));
    })
    .get('/projects/:pid/members', (c) =>
      c.json({ members: service.listMembers(deps, requireUser(c).id, c.req.param('pid')) }),
    )
    .patch('/projects/:pid/members/:uid', async (c) => {
      const user = requireUser(c);
      const { role } = await parseBody(c, patchMemberBody);
      return c.json({ member: service.changeMemberRole(deps, user.id, c.req.param('pid'), c.req.param('uid'), role) });
    })
    .delete('/projects/:pid/members/:uid', (c) => {
      service.removeMember(deps, requireUser(c).id, c.req.param('pid'), c.req.param('uid'));
      return c.json({ ok: true });
    })
    .post('/projects/:pid/invitations', async (c) => {
      const user = requireUser(c);
      const body = await parseBody(c, createInvitationBody);
      return c.json(createInvitation(deps, user.id, c.req.param('pid'), body), 201);
    })
    .get('/invitations/:token', (c) => c.json(previewInvitation(deps, c.req.param('token'))))
    .post('/invitations/:token/accept', (c) => c.json(acceptInvitation(deps, requireUser(c), c.req.param('token'))));
}
