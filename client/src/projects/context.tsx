/**
 * The project frame: loads the project once for all its pages, keeps the workspace document open
 * (so presence stays live while moving between pages), and shows the project's own navigation.
 */
import { A, useLocation, useParams } from '@solidjs/router';
import { createContext, createEffect, createMemo, createResource, createSignal, Match, on, onCleanup, Show, Switch, useContext, type Accessor, type JSX } from 'solid-js';
import type { Project } from '../../../shared/api';
import { workspaceDocName } from '../../../shared/docnames';
import { canManageProject, type Role } from '../../../shared/roles';
import { errorMessage } from '../api/errors';
import { currentUser } from '../auth/session';
import { t } from '../i18n';
import { openDoc, type SyncHandle } from '../sync/docs';
import { SyncStatusBanner } from '../sync/SyncStatusBanner';
import { Loading, Page } from '../ui/Page';
import { getProject } from './api';
import { AgreementNavLink } from '../agreement/NavLink';
import { PrismaNavLink } from '../prisma/NavLink';
import { ActivityNavLink } from '../audit/NavLink';
import { ScreenNavLink } from './ScreenNavLink';

/** What every page inside a project can read. */
export interface ProjectContextValue {
  project: Accessor<Project>;
  role: Accessor<Role>;
  /** Replaces the loaded project after a successful change (e.g. saved settings). */
  setProject: (project: Project, role: Role) => void;
  /** The open workspace document, once the project has loaded. */
  workspace: Accessor<SyncHandle | undefined>;
}

const ProjectContext = createContext<ProjectContextValue>();

/** The current project; only valid inside ProjectLayout. */
export function useProject(): ProjectContextValue {
  const ctx = useContext(ProjectContext);
  if (!ctx) throw new Error('useProject outside ProjectLayout');
  return ctx;
}

/** Tells others in the project which page this user is on (awareness `location`). */
export function useLocationInProject(page: string): void {
  const { workspace } = useProject();
  createEffect(() => workspace()?.awareness.setLocalStateField('location', { page }));
}

/** Layout route for /projects/:pid/*. */
export function ProjectLayout(props: { children?: JSX.Element }) {
  const params = useParams<{ pid: string }>();
  const [data, { mutate }] = createResource(() => params.pid, getProject);
  const [workspace, setWorkspace] = createSignal<SyncHandle>();

  // Open the live document only once the server has confirmed membership; a refused
  // upgrade would otherwise retry for ever in the background.
  // Memos, so saving settings (a new project object, same id) does not reopen the document.
  const loadedId = createMemo(() => (data.state === 'ready' ? data()?.project.id : undefined));
  const userId = createMemo(() => currentUser()?.id);
  createEffect(() => {
    const pid = loadedId();
    const uid = userId();
    if (!pid || !uid) return;
    const handle = openDoc(workspaceDocName(pid), { userId: uid, persist: true });
    setWorkspace(handle);
    onCleanup(() => {
      setWorkspace(undefined);
      handle.release();
    });
  });

  return (
    <Switch>
      <Match when={data.error}>
        <Page title={t('project.loadFailed')}>
          <p role="alert">{errorMessage(data.error)}</p>
          <p>
            <A href="/projects">{t('project.backToProjects')}</A>
          </p>
        </Page>
      </Match>
      <Match when={data.loading && !data.latest}>
        <Loading />
      </Match>
      <Match when={data.latest}>
        {(loaded) => {
          const value: ProjectContextValue = {
            project: () => loaded().project,
            role: () => loaded().role,
            setProject: (project, role) => mutate({ project, role }),
            workspace,
          };
          return (
            <ProjectContext.Provider value={value}>
              <ProjectNav />
              <Show when={workspace()}>{(ws) => <SyncStatusBanner status={ws().status()} />}</Show>
              {props.children}
            </ProjectContext.Provider>
          );
        }}
      </Match>
    </Switch>
  );
}

/**
 * The project's sections. On a narrow screen (a phone, or a desktop at 400% zoom) the dozen links
 * would fill the first screenful of every page, so there they fold behind a disclosure button
 * (aria-expanded); on wider screens the button is not shown and the links always are.
 */
function ProjectNav() {
  const { project, role } = useProject();
  const location = useLocation();
  const base = () => `/projects/${encodeURIComponent(project().id)}`;
  const [open, setOpen] = createSignal(false);
  // Following one of the links (or any other change of page) folds the list again.
  createEffect(on(() => location.pathname, () => setOpen(false), { defer: true }));
  let toggle!: HTMLButtonElement;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open()) return;
    setOpen(false);
    toggle.focus();
  };
  return (
    <div class="project-bar">
      <p class="project-name">
        <bdi>{project().title}</bdi>
      </p>
      <nav aria-label={t('nav.project')} class="project-nav" onKeyDown={onKeyDown}>
        <button ref={toggle} type="button" class="btn small nav-toggle" aria-expanded={open()} aria-controls="project-nav-list" onClick={() => setOpen(!open())}>
          {t('nav.projectSections')}
        </button>
        <ul id="project-nav-list" class="nav-list tabs" classList={{ folded: !open() }}>
          <li>
            <A href={base()} end>
              {t('nav.workspace')}
            </A>
          </li>
          <ScreenNavLink pid={project().id} role={role()} />
          <li>
            <A href={`${base()}/records`}>{t('nav.records')}</A>
          </li>
          <li>
            <A href={`${base()}/duplicates`}>{t('nav.duplicates')}</A>
          </li>
          <Show when={canManageProject(role())}>
            <li>
              <A href={`${base()}/import`}>{t('nav.import')}</A>
            </li>
          </Show>
          <li>
            <A href={`${base()}/stages`}>{t('nav.stages')}</A>
          </li>
          <li>
            <A href={`${base()}/settings`}>{t('nav.settings')}</A>
          </li>
          <li>
            <A href={`${base()}/members`}>{t('nav.members')}</A>
          </li>
          <li>
            <A href={`${base()}/conflicts`}>{t('nav.conflicts')}</A>
          </li>
          <li>
            <A href={`${base()}/synthesis`}>{t('nav.synthesis')}</A>
          </li>
          <AgreementNavLink pid={project().id} />
          <PrismaNavLink pid={project().id} />
          <ActivityNavLink pid={project().id} role={role()} />
          <Show when={canManageProject(role())}>
            <li>
              <A href={`${base()}/invite`}>{t('nav.invite')}</A>
            </li>
          </Show>
        </ul>
      </nav>
    </div>
  );
}
