/** The route table: which page answers which address. */
import { Route, Router } from '@solidjs/router';
import { AccountPage, LoginPage, SignupPage } from './auth/pages';
import { ConflictsPage } from './conflicts/ConflictsPage';
import { Home, RequireAuth } from './auth/RequireAuth';
import { AgreementPage } from './agreement/AgreementPage';
import { AcceptInvitePage } from './members/AcceptInvitePage';
import { InvitePage } from './members/InvitePage';
import { MembersPage } from './members/MembersPage';
import { ProjectLayout } from './projects/context';
import { ProjectsPage } from './projects/ProjectsPage';
import { PrismaPage } from './prisma/PrismaPage';
import { PrismaRecordsPage } from './prisma/RecordsPage';
import { ImportPage } from './imports/ImportPage';
import { RecordsPage } from './records/RecordsPage';
import { RecordPage } from './records/RecordPage';
import { DuplicatesPage } from './records/DuplicatesPage';
import { ScreenPage } from './screening/ScreenPage';
import { SettingsPage } from './projects/SettingsPage';
import { StagesPage } from './stages/StagesPage';
import { AppShell } from './ui/AppShell';
import { NotFound } from './ui/NotFound';
import { WorkspacePage } from './workspace/WorkspacePage';
import { CodingPage, SenseCheckPage, SourcesPage, SummaryPage, SynthesisHome, ThemesPage } from './synthesis/routes';

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
