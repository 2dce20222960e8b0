import { createHashRouter } from 'react-router-dom';
import { AccountPage } from './AccountPage';
import { AccountsPage } from './AccountsPage';
import { AuditPage } from './AuditPage';
import { CampaignPage } from './CampaignPage';
import { PortalPreviewPage } from './PortalPreviewPage';
import { RollPage } from './RollPage';
import { EndOfYearPage } from './EndOfYearPage';
import { JustificationsPage } from './JustificationsPage';
import { AbsenteeismPage } from './AbsenteeismPage';
import { MotifsPage } from './MotifsPage';
import { SchoolLifeQueuePage } from './SchoolLifeQueuePage';
import { SchoolLifeRecordPage } from './SchoolLifeRecordPage';
import { ChildReportsPage } from './ChildReportsPage';
import { FamilyAccountPage } from './FamilyAccountPage';
import { MailPage } from './MailPage';
import { RequireCall } from './components/RequireCall';
import { DashboardPage } from './DashboardPage';
import { GradesPage } from './GradesPage';
import { GuardianPage } from './GuardianPage';
import { GuardiansPage } from './GuardiansPage';
import { ImportPage } from './ImportPage';
import { NotFoundPage } from './NotFoundPage';
import { SettingsPage } from './SettingsPage';
import { StaffRoot } from './StaffRoot';
import { StudentPage } from './StudentPage';
import { StudentsPage } from './StudentsPage';
import { StsImportPage } from './StsImportPage';
import { TeachingServicesPage } from './TeachingServicesPage';
import { UsersPage } from './UsersPage';

/**
 * Hash routing: the same build is loaded from file:// in Electron and over http in a browser.
 * The data-router form of HashRouter is used because only it offers useBlocker, which the
 * settings form needs to warn about unsaved changes.
 */
export const staffRouter = createHashRouter([
  {
    path: '/',
    element: <StaffRoot />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'eleves', element: <StudentsPage /> },
      { path: 'eleves/division/:divisionId', element: <StudentsPage /> },
      { path: 'eleves/sans-division', element: <StudentsPage withoutDivision /> },
      { path: 'eleves/groupe/:group', element: <StudentsPage /> },
      { path: 'eleves/:studentId', element: <StudentPage /> },
      {
        path: 'appel',
        element: (
          <RequireCall call="roll.open">
            <RollPage />
          </RequireCall>
        ),
      },
      {
        path: 'fin-annee',
        element: (
          <RequireCall call="schoolLife.archiveCsv">
            <EndOfYearPage />
          </RequireCall>
        ),
      },
      {
        path: 'justificatifs',
        element: (
          <RequireCall call="justifications.list">
            <JustificationsPage />
          </RequireCall>
        ),
      },
      {
        path: 'vie-scolaire',
        element: (
          <RequireCall call="schoolLife.queue">
            <SchoolLifeQueuePage />
          </RequireCall>
        ),
      },
      {
        path: 'vie-scolaire/saisir',
        element: (
          <RequireCall call="schoolLife.record">
            <SchoolLifeRecordPage />
          </RequireCall>
        ),
      },
      {
        path: 'vie-scolaire/absenteisme',
        element: (
          <RequireCall call="schoolLife.watch">
            <AbsenteeismPage />
          </RequireCall>
        ),
      },
      {
        path: 'vie-scolaire/motifs',
        element: (
          <RequireCall call="motifs.list">
            <MotifsPage />
          </RequireCall>
        ),
      },
      {
        path: 'responsables',
        element: (
          <RequireCall call="guardians.list">
            <GuardiansPage />
          </RequireCall>
        ),
      },
      {
        path: 'responsables/sans-courriel',
        element: (
          <RequireCall call="guardians.list">
            <GuardiansPage withoutEmail />
          </RequireCall>
        ),
      },
      {
        path: 'responsables/:guardianId',
        element: (
          <RequireCall call="guardians.get">
            <GuardianPage />
          </RequireCall>
        ),
      },
      {
        path: 'import',
        element: (
          <RequireCall call="import.preview">
            <ImportPage />
          </RequireCall>
        ),
      },
      {
        path: 'import-sts',
        element: (
          <RequireCall call="sts.upload">
            <StsImportPage />
          </RequireCall>
        ),
      },
      {
        path: 'services',
        element: (
          <RequireCall call="services.list">
            <TeachingServicesPage />
          </RequireCall>
        ),
      },
      {
        path: 'notes',
        element: (
          <RequireCall call="grades.grid">
            <GradesPage />
          </RequireCall>
        ),
      },
      {
        path: 'notes/:serviceId',
        element: (
          <RequireCall call="grades.grid">
            <GradesPage />
          </RequireCall>
        ),
      },
      {
        path: 'comptes',
        element: (
          <RequireCall call="accounts.search">
            <AccountsPage />
          </RequireCall>
        ),
      },
      {
        path: 'comptes/:accountId',
        element: (
          <RequireCall call="accounts.get">
            <FamilyAccountPage />
          </RequireCall>
        ),
      },
      {
        path: 'comptes/:accountId/apercu',
        element: (
          <RequireCall call="accounts.preview">
            <PortalPreviewPage />
          </RequireCall>
        ),
      },
      {
        path: 'comptes/signalements',
        element: (
          <RequireCall call="childReports.list">
            <ChildReportsPage />
          </RequireCall>
        ),
      },
      {
        path: 'campagne',
        element: (
          <RequireCall call="campaign.summary">
            <CampaignPage />
          </RequireCall>
        ),
      },
      {
        path: 'courriels',
        element: (
          <RequireCall call="mail.list">
            <MailPage />
          </RequireCall>
        ),
      },
      { path: 'parametres', element: <SettingsPage /> },
      {
        path: 'utilisateurs',
        element: (
          <RequireCall call="users.list">
            <UsersPage />
          </RequireCall>
        ),
      },
      {
        path: 'journal',
        element: (
          <RequireCall call="audit.list">
            <AuditPage />
          </RequireCall>
        ),
      },
      { path: 'compte', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
