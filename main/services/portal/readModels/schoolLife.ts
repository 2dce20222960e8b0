import type {
  FamilyJustification,
  FamilyView,
  FamilySchoolLifeEvent,
  FamilySchoolLifeView,
  JustificationStatus,
  PortalChild,
} from '../../../../shared/api/portal';
import { ApiFailure } from '../../../../shared/api/result';
import {
  PERIOD_KINDS,
  periodKindOf,
  periodOfDay,
  periodsOfLevel,
} from '../../../../shared/domain/periods';
import { addDays, parisStartOfDay } from '../../../../shared/domain/publication/parisDays';
import { schoolLifeVisibilityOn } from '../../../../shared/domain/publication/schoolLifePublication';
import type { Viewer } from '../../../../shared/domain/publication/viewer';
import {
  SCHOOL_LIFE_EVENT_KINDS,
  type SchoolLifeEventKind,
} from '../../../../shared/domain/vieScolaire/eventKinds';
import {
  DEFAULT_HALF_DAY_SETTINGS,
  halfDaysBetween,
  halfDaysOf,
  type HalfDaySettings,
} from '../../../../shared/domain/vieScolaire/halfDays';
import { SANCTIONS, type SanctionKind } from '../../../../shared/domain/vieScolaire/sanctions';
import { sanctionWithSursis } from '../../../../shared/domain/vieScolaire/sursisWords';
import { absenceTileText } from '../../../../shared/domain/vieScolaire/absenceTile';
import { monthWeeks } from '../../../../shared/domain/vieScolaire/weeks';
import { readBool, type PreparedReads } from '../../../db/preparedReads';
import { byAge, CHILD_NOT_ON_ACCOUNT } from './home';
import {
  FAMILY_MOTIFS,
  PERIODS_OF_DAY,
  SCHOOL_LIFE_CHILDREN,
  SCHOOL_LIFE_EVENTS,
  SCHOOL_LIFE_TILE_ABSENCES,
  eventRowOf,
  type SchoolLifeChildRow,
  type SchoolLifeEventRow,
} from './schoolLifeReads';

export const SERVICE_NOT_OPEN = 'L’établissement n’a pas ouvert la vie scolaire en ligne.';

/**
 * An absence lasting longer than this before the month began is not read for that month's
 * weeks: a bound on the read, far beyond any absence recorded as one event.
 */
const LONGEST_SPAN_DAYS = 62;

const FRENCH = new Intl.Collator('fr');

const childOf = (r: SchoolLifeChildRow): PortalChild => ({
  studentId: Number(r.studentId),
  firstName: r.firstName,
  lastName: r.lastName,
  birthDate: r.birthDate ?? null,
  divisionCode: r.divisionCode ?? null,
  schoolName: r.schoolName,
});

function settingsOf(r: SchoolLifeChildRow): HalfDaySettings {
  return {
    ...DEFAULT_HALF_DAY_SETTINGS,
    middayBoundary: r.middayBoundary ?? DEFAULT_HALF_DAY_SETTINGS.middayBoundary,
    closedPeriods: r.closedPeriods
      ? (JSON.parse(r.closedPeriods) as HalfDaySettings['closedPeriods'])
      : [],
  };
}

/** The account's children (oldest first) and the one asked for; another's child is refused. */
async function childrenAndChosen(reads: PreparedReads, accountId: number, childId?: number) {
  const rows = await reads.all<SchoolLifeChildRow>(SCHOOL_LIFE_CHILDREN, [accountId, true]);
  const chosen =
    childId === undefined
      ? [...rows].sort((a, b) => byAge(childOf(a), childOf(b)))[0]
      : rows.find((r) => Number(r.studentId) === childId);
  if (!chosen) throw new ApiFailure('not_found', CHILD_NOT_ON_ACCOUNT);
  return { rows, chosen };
}

const serviceOpen = (r: SchoolLifeChildRow) => r.openedServices.split(',').includes('vie_scolaire');

/**
 * The child's events begun from `from` and before `until` (Paris days) that `viewer` sees on
 * `asOf`, with what they may show.
 */
async function visibleEvents(
  reads: PreparedReads,
  accountId: number,
  studentId: number,
  range: { from: string; until: string },
  asOf: string,
  viewer: Viewer,
) {
  // Nothing begun on `asOf` or later can be visible on `asOf` (J+1): not even read.
  const until = range.until < asOf ? range.until : asOf;
  const tuples = await reads.tuples(SCHOOL_LIFE_EVENTS, [
    accountId,
    studentId,
    parisStartOfDay(range.from).toISOString(),
    parisStartOfDay(until).toISOString(),
    true,
  ]);
  const visibility = schoolLifeVisibilityOn(viewer, asOf);
  return tuples.flatMap((tuple) => {
    const row = eventRowOf(tuple);
    const { visible, showMotif } = visibility({
      kind: row.kind as SchoolLifeEventKind,
      startedAt: row.startsAt,
      publishableOnline: readBool(row.publishableOnline),
      familyNotified: row.familyNotifiedAt !== null,
      motifConfidential: readBool(row.motifConfidential),
    });
    return visible ? [{ row, showMotif }] : [];
  });
}

function justificationOf(row: SchoolLifeEventRow): FamilyJustification | null {
  if (row.justificationStatus === null) return null;
  return {
    status: row.justificationStatus as JustificationStatus,
    motif: row.justificationMotif ?? '',
    comment: row.justificationComment ?? '',
    submittedAt: row.justificationSubmittedAt ?? '',
    decidedAt: row.justificationDecidedAt,
    decisionComment: row.justificationDecisionComment ?? '',
  };
}

function eventOf(
  row: SchoolLifeEventRow,
  showMotif: boolean,
  settings: HalfDaySettings,
): FamilySchoolLifeEvent {
  const kind = row.kind as SchoolLifeEventKind;
  const sanction = row.sanctionKind as SanctionKind | null;
  const justification = justificationOf(row);
  const justified = readBool(row.justified);
  return {
    id: Number(row.id),
    kind,
    kindLabel: SCHOOL_LIFE_EVENT_KINDS[kind].label,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    minutes: row.minutes === null ? null : Number(row.minutes),
    halfDays:
      kind === 'absence'
        ? halfDaysOf({ start: row.startsAt, end: row.endsAt }, settings).length
        : 0,
    motif: showMotif ? row.motifLabel : null,
    justified,
    sanction:
      sanction && Object.hasOwn(SANCTIONS, sanction)
        ? sanctionWithSursis(SANCTIONS[sanction].label, readBool(row.suspended), row.suspendedUntil)
        : null,
    justification,
    justifiable:
      kind === 'absence' &&
      !justified &&
      (justification === null || justification.status === 'refused'),
  };
}

/** 'YYYY-MM' months from `first` to `last`, latest first. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = last.split('-').map(Number) as [number, number];
  while (months.length < 24) {
    const value = `${year}-${String(month).padStart(2, '0')}`;
    months.push(value);
    if (value <= first) break;
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}

export interface SchoolLifeReadOptions {
  accountId: number;
  childId?: number | undefined;
  month?: string | undefined;
  /** The Paris day the family looks (portalApi.today(), or the preview's date). */
  asOf: string;
  viewer: Viewer;
  mayJustify: boolean;
}

/**
 * The « Vie scolaire » page's read model, for the portal and the staff preview alike: the
 * month's weeks (half-days with at least one processed absence, derived from the events) and
 * the month's events, only those the publication rule lets the family see on `asOf`.
 */
export async function readFamilySchoolLife(
  reads: PreparedReads,
  options: SchoolLifeReadOptions,
): Promise<FamilySchoolLifeView> {
  const { accountId, asOf, viewer } = options;
  const { rows, chosen } = await childrenAndChosen(reads, accountId, options.childId);
  if (!serviceOpen(chosen)) throw new ApiFailure('not_found', SERVICE_NOT_OPEN);
  const studentId = Number(chosen.studentId);
  const settings = settingsOf(chosen);
  const month = options.month ?? asOf.slice(0, 7);
  const [events, motifs] = await Promise.all([
    visibleEvents(
      reads,
      accountId,
      studentId,
      // The month's last week ends on a Saturday at most five days into the next month.
      { from: addDays(`${month}-01`, -LONGEST_SPAN_DAYS), until: addDays(`${month}-01`, 38) },
      asOf,
      viewer,
    ),
    options.mayJustify
      ? reads.all<{ id: number; label: string }>(FAMILY_MOTIFS, [chosen.schoolId, true, false])
      : Promise.resolve([]),
  ]);
  // A week that has not begun yet is not shown (the guide's February stops at the current week).
  const weeks = monthWeeks(
    month,
    events
      .filter((e) => e.row.kind === 'absence')
      .map((e) => ({
        start: e.row.startsAt,
        end: e.row.endsAt,
        processed: readBool(e.row.processed),
      })),
    settings,
  ).filter((week) => week.from <= asOf);
  const children = rows.map(childOf).sort(byAge);
  // The month's events: begun from its first Paris midnight to the next month's (instants
  // compared, rather than a Paris day worked out for every event).
  const monthBegins = parisStartOfDay(`${month}-01`).getTime();
  const nextMonthBegins = parisStartOfDay(`${addDays(`${month}-01`, 31).slice(0, 7)}-01`).getTime();
  return {
    asOf,
    children,
    child: childOf(chosen),
    mayJustify: options.mayJustify,
    month,
    months: monthsBetween(
      (chosen.yearStartsOn ?? addDays(asOf, -330)).slice(0, 7),
      asOf.slice(0, 7),
    ),
    weeks,
    events: events
      .filter(
        (e) =>
          monthBegins <= Date.parse(e.row.startsAt) && Date.parse(e.row.startsAt) < nextMonthBegins,
      )
      .sort((a, b) =>
        a.row.startsAt < b.row.startsAt ? 1 : a.row.startsAt > b.row.startsAt ? -1 : 0,
      )
      .map((e) => eventOf(e.row, e.showMotif, settings)),
    motifs: motifs
      .map((m) => ({ id: Number(m.id), label: m.label }))
      .sort((a, b) => FRENCH.compare(a.label, b.label)),
  };
}

/**
 * The home tile: the half-days of the current period (trimestre or semestre, the child's
 * level's own or the school's) with at least one processed absence the family sees on
 * `asOf`. Null when the school has not opened the service or no period holds `asOf`.
 */
export async function readSchoolLifeTile(
  reads: PreparedReads,
  accountId: number,
  childId: number,
  asOf: string,
  viewer: Viewer,
): Promise<{ halfDays: number; periodWord: string } | null> {
  const { chosen } = await childrenAndChosen(reads, accountId, childId);
  if (!serviceOpen(chosen)) return null;
  const periods = periodsOfLevel(
    await reads.all<{ code: string; level: string; startsOn: string; endsOn: string }>(
      PERIODS_OF_DAY,
      [chosen.schoolId, asOf],
    ),
    chosen.level ?? '',
  );
  const period = periodOfDay(periods, asOf);
  if (!period) return null;
  // Begun from 62 days before the period, and before `asOf` (nothing later is visible, J+1).
  const until = addDays(period.endsOn, 1) < asOf ? addDays(period.endsOn, 1) : asOf;
  const absences = await reads.tuples<[string, string, unknown, string | null]>(
    SCHOOL_LIFE_TILE_ABSENCES,
    [
      accountId,
      Number(chosen.studentId),
      parisStartOfDay(addDays(period.startsOn, -LONGEST_SPAN_DAYS)).toISOString(),
      parisStartOfDay(until).toISOString(),
      true,
    ],
  );
  const visibility = schoolLifeVisibilityOn(viewer, asOf);
  const spans = absences
    .filter(
      ([startsAt, , publishableOnline, familyNotifiedAt]) =>
        visibility({
          kind: 'absence',
          startedAt: startsAt,
          publishableOnline: readBool(publishableOnline),
          familyNotified: familyNotifiedAt !== null,
        }).visible,
    )
    .map(([start, end]) => ({ start, end }));
  const halfDays = halfDaysBetween(
    spans,
    period.startsOn,
    period.endsOn,
    settingsOf(chosen),
  ).length;
  const kind = periodKindOf(periods.map((p) => p.code));
  return { halfDays, periodWord: PERIOD_KINDS[kind].name.toLowerCase() };
}

/** The home's vie scolaire service, opened: its page for the chosen child, and its tile. */
export async function withSchoolLifeTile(
  reads: PreparedReads,
  accountId: number,
  view: FamilyView,
): Promise<FamilyView> {
  const child = view.child;
  const service = view.services.find((s) => s.key === 'vie_scolaire' && s.status === 'open');
  if (!child || !service) return view;
  const viewer: Viewer = view.account.kind === 'student' ? 'student' : 'parent';
  const tile = await readSchoolLifeTile(reads, accountId, child.studentId, view.asOf, viewer);
  return {
    ...view,
    services: view.services.map((s) =>
      s === service
        ? {
            ...s,
            href: `/vie-scolaire?enfant=${child.studentId}`,
            ...(tile ? { summary: absenceTileText(tile.halfDays, tile.periodWord) } : {}),
          }
        : s,
    ),
  };
}
