import type {
  FamilyView,
  PortalAccount,
  PortalChild,
  PortalSchool,
  PortalService,
} from '../../../../shared/api/portal';
import { ApiFailure } from '../../../../shared/api/result';
import { SERVICES, SERVICE_KEYS, type ServiceKey } from '../../../../shared/domain/school';
import { readBool, type PreparedReads } from '../../../db/preparedReads';
import { HOME_ROWS, JOINED_LOGINS, type HomeRow } from './homeReads';
import { countNewMarks } from './notes';

/** The services built so far, with their page; another opened one shows « bientôt disponible ». */
const SERVICE_PAGES: Partial<Record<ServiceKey, string>> = {
  notes: '/notes',
  vie_scolaire: '/vie-scolaire',
  fiche_renseignements: '/fiche-renseignements',
};

/** The fiche de renseignements is the responsables’ (portal.infoSheet is theirs only). */
const mayOpen = (kind: string, key: ServiceKey) =>
  key !== 'fiche_renseignements' || kind !== 'student';

export const CHILD_NOT_ON_ACCOUNT = 'Cet enfant n’est pas rattaché à votre compte.';

const FRENCH = new Intl.Collator('fr');

/** Oldest first (as the guides list them), then by first name for twins. */
export const byAge = (a: PortalChild, b: PortalChild) =>
  (a.birthDate ?? '').localeCompare(b.birthDate ?? '') || FRENCH.compare(a.firstName, b.firstName);

const childOf = (r: HomeRow): PortalChild => ({
  studentId: Number(r.studentId),
  firstName: r.firstName ?? '',
  lastName: r.lastName ?? '',
  birthDate: r.birthDate ?? null,
  divisionCode: r.divisionCode ?? null,
  schoolName: r.schoolName ?? '',
});

function accountOf(r: HomeRow, joinedLogins: string[]): PortalAccount {
  const confirmed = readBool(r.emailConfirmed);
  return {
    login: r.login,
    kind: r.kind,
    displayName: r.displayName,
    state: r.state as PortalAccount['state'],
    email: confirmed ? r.email : '',
    emailConfirmed: confirmed,
    pendingEmail:
      r.pendingEmail !== null && (r.pendingEmail !== r.email || !confirmed) ? r.pendingEmail : '',
    previousLoginAt: r.previousLoginAt ?? null,
    joinedLogins,
  };
}

function schoolOf(r: HomeRow): { block: PortalSchool | null; services: PortalService[] } {
  if (r.schoolId === null) return { block: null, services: [] };
  const opened = r.openedServices.split(',').filter(Boolean);
  return {
    block: {
      name: r.schoolName ?? '',
      address: {
        line1: r.schoolLine1,
        line2: r.schoolLine2,
        postalCode: r.schoolPostalCode,
        city: r.schoolCity,
        country: r.schoolCountry,
      },
      phone: r.schoolPhone,
      contactEmail: readBool(r.familiesMayEmail) && r.schoolEmail ? r.schoolEmail : null,
      welcomeMessage: r.welcomeMessage,
    },
    services: SERVICE_KEYS.filter((k) => opened.includes(k) && mayOpen(r.kind, k)).map((key) => {
      const page = SERVICE_PAGES[key];
      if (!page) return { key, label: SERVICES[key], status: 'soon' };
      const href = r.studentId === null ? page : `${page}?enfant=${r.studentId}`;
      return { key, label: SERVICES[key], status: 'open', href };
    }),
  };
}

/**
 * The notes tile's count of new marks (« 4 nouvelles notes ») since the previous login, as the
 * notes page counts them, from the chosen child's home row (no second read of the children).
 */
async function withNewMarks(
  reads: PreparedReads,
  row: HomeRow & { studentId: number },
  services: PortalService[],
  asOf: string,
  now: Date,
): Promise<PortalService[]> {
  if (!services.some((s) => s.key === 'notes' && s.status === 'open')) return services;
  const count = await countNewMarks(
    reads,
    { accountId: Number(row.accountId), kind: row.kind },
    row,
    {
      asOf,
      now,
      since: row.previousLoginAt,
    },
  );
  return services.map((s) => (s.key === 'notes' ? { ...s, newCount: count } : s));
}

/**
 * The home page's read model, for the portal and the staff preview alike (the same account
 * and day give the same value), in two prepared reads. `childId` is the switcher's choice; a
 * child the account does not cover is refused before anything is built.
 */
export async function readFamilyHome(
  reads: PreparedReads,
  accountId: number,
  asOf: string,
  now: Date,
  childId?: number,
): Promise<FamilyView> {
  const [rows, joined] = await Promise.all([
    reads.all<HomeRow>(HOME_ROWS, [accountId, now.toISOString()]),
    reads.all<{ login: string }>(JOINED_LOGINS, [accountId]),
  ]);
  const first = rows[0];
  if (!first) throw new Error(`Family account ${accountId} not found`);
  const withChild = rows.filter((r) => r.studentId !== null);
  if (childId !== undefined && !withChild.some((r) => Number(r.studentId) === childId)) {
    throw new ApiFailure('not_found', CHILD_NOT_ON_ACCOUNT);
  }
  const children = withChild.map((r) => ({
    row: r as HomeRow & { studentId: number },
    child: childOf(r),
  }));
  children.sort((a, b) => byAge(a.child, b.child));
  const chosen = children.find((c) => c.child.studentId === childId) ?? children[0] ?? null;
  const { block, services: opened } = schoolOf(chosen?.row ?? first);
  const services = chosen ? await withNewMarks(reads, chosen.row, opened, asOf, now) : opened;
  return {
    asOf,
    account: accountOf(
      first,
      joined.map((j) => j.login),
    ),
    children: children.map((c) => c.child),
    child: chosen?.child ?? null,
    school: block,
    services,
  };
}
