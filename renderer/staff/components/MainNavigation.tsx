import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router-dom';
import type { StaffCallName } from '../../../shared/api/staff';
import { useMayCall } from '../session';

interface NavigationEntry {
  label: string;
  to: string;
  /** The call the page depends on: the entry is shown only to roles allowed to make it. */
  call: StaffCallName;
  /** Other paths that belong to this entry (a guardian is reached from a student). */
  alsoActiveUnder?: string[];
}

const ENTRIES: NavigationEntry[] = [
  { label: 'Tableau de bord', to: '/', call: 'dashboard.summary' },
  { label: 'Élèves', to: '/eleves', call: 'students.search', alsoActiveUnder: ['/responsables'] },
  { label: 'Appel', to: '/appel', call: 'roll.open' },
  { label: 'Justificatifs en ligne', to: '/justificatifs', call: 'justifications.list' },
  { label: 'Vie scolaire › À traiter', to: '/vie-scolaire', call: 'schoolLife.queue' },
  { label: 'Saisir un évènement', to: '/vie-scolaire/saisir', call: 'schoolLife.record' },
  { label: 'Absentéisme', to: '/vie-scolaire/absenteisme', call: 'schoolLife.watch' },
  { label: 'Motifs d’absence', to: '/vie-scolaire/motifs', call: 'motifs.list' },
  { label: 'Comptes des familles', to: '/comptes', call: 'accounts.search' },
  { label: 'Campagne de courriers', to: '/campagne', call: 'campaign.summary' },
  { label: 'Signalements des familles', to: '/comptes/signalements', call: 'childReports.list' },
  { label: 'Courriels', to: '/courriels', call: 'mail.list' },
  { label: 'Import SIECLE', to: '/import', call: 'import.preview' },
  { label: 'Import STS-Web', to: '/import-sts', call: 'sts.upload' },
  { label: 'Services d’enseignement', to: '/services', call: 'services.list' },
  { label: 'Notes', to: '/notes', call: 'grades.grid' },
  { label: 'Fin d’année', to: '/fin-annee', call: 'schoolLife.archiveCsv' },
  { label: 'Paramètres', to: '/parametres', call: 'school.get' },
  { label: 'Utilisateurs', to: '/utilisateurs', call: 'users.list' },
  { label: 'Journal', to: '/journal', call: 'audit.list' },
  { label: 'Mon compte', to: '/compte', call: 'session.changePassword' },
];

function isUnder(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** How closely an entry matches the path: the length of its longest base the path is under. */
function matchLength(entry: NavigationEntry, pathname: string): number {
  if (entry.to === '/') return pathname === '/' ? 1 : 0;
  return Math.max(
    0,
    ...[entry.to, ...(entry.alsoActiveUnder ?? [])]
      .filter((base) => isUnder(pathname, base))
      .map((base) => base.length),
  );
}

export function MainNavigation() {
  const { pathname } = useLocation();
  const mayCall = useMayCall();
  const entries = ENTRIES.filter((entry) => mayCall(entry.call));
  // Only the closest entry is current: « Signalements des familles » (/comptes/signalements)
  // lit « Comptes des familles » (/comptes) too (issue 13 §3).
  const best = Math.max(0, ...entries.map((entry) => matchLength(entry, pathname)));
  const current = best > 0 ? entries.find((entry) => matchLength(entry, pathname) === best) : null;

  return entries.map((entry) => {
    const active = entry === current;
    return (
      <NavLink
        key={entry.to}
        component={Link}
        to={entry.to}
        label={entry.label}
        active={active}
        aria-current={active ? 'page' : undefined}
        variant="filled"
        fw={500}
      />
    );
  });
}
