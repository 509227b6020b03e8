/** The route table: which page answers which address. */
import { Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { AccountPage, LoginPage, SignupPage } from './auth/pages';
import { Home, RequireAuth } from './auth/RequireAuth';
import { AcceptInvitePage } from './members/AcceptInvitePage';
import { InvitePage } from './members/InvitePage';
import { MembersPage } from './members/MembersPage';
import { ProjectLayout } from './projects/context';
import { ProjectsPage } from './projects/ProjectsPage';
import { SettingsPage } from './projects/SettingsPage';
import { AppShell } from './ui/AppShell';
import { NotFound } from './ui/NotFound';
import { WorkspacePage } from './workspace/WorkspacePage';
import { CodingPage, SenseCheckPage, SourcesPage, SummaryPage, SynthesisHome, ThemesPage } from './synthesis/routes';

// Each section loads when first opened, so signing in does not wait for the whole app.
const ConflictsPage = lazy(() => import('./conflicts/ConflictsPage').then((m) => ({ default: m.ConflictsPage })));
const AgreementPage = lazy(() => import('./agreement/AgreementPage').then((m) => ({ default: m.AgreementPage })));
const PrismaPage = lazy(() => import('./prisma/PrismaPage').then((m) => ({ default: m.PrismaPage })));
const PrismaRecordsPage = lazy(() => import('./prisma/RecordsPage').then((m) => ({ default: m.PrismaRecordsPage })));
const ImportPage = lazy(() => import('./imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const RecordsPage = lazy(() => import('./records/RecordsPage').then((m) => ({ default: m.RecordsPage })));
const RecordPage = lazy(() => import('./records/RecordPage').then((m) => ({ default: m.RecordPage })));
const DuplicatesPage = lazy(() => import('./records/DuplicatesPage').then((m) => ({ default: m.DuplicatesPage })));
const ScreenPage = lazy(() => import('./screening/ScreenPage').then((m) => ({ default: m.ScreenPage })));
const ActivityPage = lazy(() => import('./audit/ActivityPage').then((m) => ({ default: m.ActivityPage })));
const StagesPage = lazy(() => import('./stages/StagesPage').then((m) => ({ default: m.StagesPage })));

/** The whole client. */
export function App() {
  return (
    <Router root={AppShell}>
      <Route path="/" component={Home} />
      <Route path="/login" component={LoginPage} />
      <Route path="/signup" component={SignupPage} />
      {/* Open to everyone: the page itself offers sign-up or log-in before joining. */}
      <Route path="/invite/:token" component={AcceptInvitePage} />
      <Route path="" component={RequireAuth}>
        <Route path="/projects" component={ProjectsPage} />
        <Route path="/account" component={AccountPage} />
        <Route path="/projects/:pid" component={ProjectLayout}>
          <Route path="/" component={WorkspacePage} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/members" component={MembersPage} />
          <Route path="/invite" component={InvitePage} />
          <Route path="/screen/:stage" component={ScreenPage} />
          <Route path="/stages" component={StagesPage} />
          <Route path="/conflicts" component={ConflictsPage} />
          <Route path="/conflicts/:stage" component={ConflictsPage} />
          <Route path="/agreement" component={AgreementPage} />
          <Route path="/agreement/:stage" component={AgreementPage} />
          <Route path="/prisma" component={PrismaPage} />
          <Route path="/prisma/records" component={PrismaRecordsPage} />
          <Route path="/import" component={ImportPage} />
          <Route path="/records" component={RecordsPage} />
          <Route path="/records/:rid" component={RecordPage} />
          <Route path="/duplicates" component={DuplicatesPage} />
          <Route path="/activity" component={ActivityPage} />
          <Route path="/synthesis" component={SynthesisHome} />
          <Route path="/synthesis/sources" component={SourcesPage} />
          <Route path="/synthesis/code/:sourceId" component={CodingPage} />
          <Route path="/synthesis/themes" component={ThemesPage} />
          <Route path="/synthesis/sense-check" component={SenseCheckPage} />
          <Route path="/synthesis/summary" component={SummaryPage} />
        </Route>
      </Route>
      <Route path="*" component={NotFound} />
    </Router>
  );
}
