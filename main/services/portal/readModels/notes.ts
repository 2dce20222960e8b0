import type {
  NotesMark,
  NotesPeriod,
  NotesSubject,
  NotesView,
  PortalChild,
} from '../../../../shared/api/portal';
import { ApiFailure } from '../../../../shared/api/result';
import { generalAverage, subjectAverage } from '../../../../shared/domain/grades/averages';
import {
  formatCoefficient,
  formatHundredths,
  formatRational,
  NO_AVERAGE,
} from '../../../../shared/domain/grades/display';
import {
  toAverageView,
  toGeneralAverageView,
} from '../../../../shared/domain/grades/explainAverage';
import { markLabel, SPECIAL_MARKS, type MarkValue } from '../../../../shared/domain/grades/marks';
import { rational } from '../../../../shared/domain/grades/rational';
import {
  periodOfDay,
  periodsOfLevel,
  publicationDaysByPeriod,
} from '../../../../shared/domain/periods';
import {
  gradePublicationsOn,
  isNewSince,
  type GradePublicationSettings,
} from '../../../../shared/domain/publication/gradePublication';
import { addDays, parisStartOfDay } from '../../../../shared/domain/publication/parisDays';
import type { Viewer } from '../../../../shared/domain/publication/viewer';
import { readBool, type PreparedReads } from '../../../db/preparedReads';
import { byAge, CHILD_NOT_ON_ACCOUNT } from './home';
import {
  NOTES_CHILDREN,
  NOTES_CLASS_FIGURES,
  NOTES_COEFFICIENTS,
  NOTES_MARKS,
  NOTES_PERIODS,
  NOTES_SERVICES,
  NOTES_TILE_MARKS,
  markRowOf,
  type NotesChildRow,
  type NotesClassFiguresRow,
  type NotesMarkRow,
  type NotesPeriodRow,
  type NotesServiceRow,
} from './notesReads';

export const NOTES_NOT_OPENED = 'L’établissement n’a pas ouvert le service « Notes ».';
export const PERIOD_NOT_FOUND = 'Cette période n’existe pas pour la classe de cet enfant.';

const FRENCH = new Intl.Collator('fr');

/**
 * Who reads: a pupil's own account is the pupil (who may see a mark first); a responsable is
 * a parent; the staff preview of a responsable's account sees what a parent sees, and the
 * preview of a pupil's account what the pupil sees (shared/domain/publication/viewer.ts).
 */
export function notesViewer(kind: 'guardian' | 'student', preview: boolean): Viewer {
  if (kind === 'student') return 'student';
  return preview ? 'staffPreview' : 'parent';
}

/** A mark as the engine reads it; null for a cleared cell (or a code this version ignores). */
function valueOf(row: Pick<NotesMarkRow, 'points' | 'special'>): MarkValue | null {
  if (row.points !== null) return { kind: 'points', points: Number(row.points) };
  if (row.special !== null && Object.hasOwn(SPECIAL_MARKS, row.special)) {
    return { kind: row.special as keyof typeof SPECIAL_MARKS };
  }
  return null;
}

/** What deciding a mark's visibility and newness reads (the tile reads only this). */
type MarkFacts = Pick<
  NotesMarkRow,
  | 'points'
  | 'special'
  | 'updatedAt'
  | 'enteredAt'
  | 'modifiedAt'
  | 'day'
  | 'publishesOn'
  | 'periodId'
>;

interface VisibleMark<Row extends MarkFacts = NotesMarkRow> {
  row: Row;
  value: MarkValue | null;
  isNew: boolean;
  /** A change made once this viewer could see the mark; null otherwise. */
  modifiedAt: string | null;
}

/**
 * The instant a page of `asOf` is read at: `now`, but never past the end of that Paris day,
 * so that a page of an earlier day (the staff preview) leaves out what was typed, published
 * or corrected after it. The portal reads today's page: `now` itself.
 */
function readAt(asOf: string, now: Date): Date {
  const dayEnd = parisStartOfDay(addDays(asOf, 1)).getTime() - 1;
  return now.getTime() <= dayEnd ? now : new Date(dayEnd);
}

function settingsOf(child: NewMarksChild, periods: NotesPeriodRow[]): GradePublicationSettings {
  return {
    mode: child.publicationMode === 'scheduled' ? 'scheduled' : 'continuous',
    periodPublicationDays: publicationDaysByPeriod(periods),
    studentDelayDays: Number(child.studentDelayDays),
    parentDelayDays: Number(child.parentDelayDays),
  };
}

/**
 * The marks `viewer` sees on `asOf`, as gradeVisibility decides, each told whether it is new
 * since the previous login and whether it changed after this viewer could see it (a change
 * made while only the pupil could see it is no change to the parent). A cleared cell shows
 * only if it had been seen. `now` bounds what was entered, « new » and « modified » (the
 * preview's day end): a mark typed after it is left out.
 */
function visibleMarks<Row extends MarkFacts>(
  rows: Row[],
  settings: GradePublicationSettings,
  viewer: Viewer,
  asOf: string,
  now: Date,
  previousLoginAt: string | null,
): VisibleMark<Row>[] {
  // Each assessment day's publication worked out once, not once a mark (gradePublicationsOn).
  const publicationOf = gradePublicationsOn(settings, viewer, asOf);
  const lastLogin = previousLoginAt === null ? null : new Date(previousLoginAt);
  const shown: VisibleMark<Row>[] = [];
  for (const row of rows) {
    const { visibility, publishedAt } = publicationOf({
      day: row.day,
      periodId: String(row.periodId),
      publicationDay: row.publishesOn,
    });
    if (!visibility.visible) continue;
    // Not typed yet at `now` (a preview of an earlier day): the family could not have seen it.
    const entered = new Date(row.enteredAt ?? row.updatedAt);
    if (entered > now) continue;
    const modifiedAt = row.modifiedAt === null ? null : new Date(row.modifiedAt);
    const modified =
      modifiedAt !== null && modifiedAt >= parisStartOfDay(visibility.since) && modifiedAt <= now;
    const value = valueOf(row);
    if (value === null && !modified) continue;
    shown.push({
      row,
      value,
      // New: published since the previous login, or corrected since then.
      isNew:
        value !== null &&
        (isNewSince(publishedAt(entered), lastLogin, now) ||
          (modified && isNewSince(modifiedAt, lastLogin, now))),
      modifiedAt: modified ? row.modifiedAt : null,
    });
  }
  return shown;
}

const childOf = (r: NotesChildRow): PortalChild => ({
  studentId: Number(r.studentId),
  firstName: r.firstName,
  lastName: r.lastName,
  birthDate: r.birthDate ?? null,
  divisionCode: r.divisionCode ?? null,
  schoolName: r.schoolName,
});

/** The account's children oldest first, and the one asked for (refused if not the account's). */
async function childrenOf(reads: PreparedReads, accountId: number, childId?: number) {
  const rows = await reads.all<NotesChildRow>(NOTES_CHILDREN, [accountId]);
  const sorted = rows
    .map((row) => ({ row, child: childOf(row) }))
    .sort((a, b) => byAge(a.child, b.child));
  const chosen =
    childId === undefined ? sorted[0] : sorted.find((c) => c.child.studentId === childId);
  if (!chosen) throw new ApiFailure('not_found', CHILD_NOT_ON_ACCOUNT);
  return { children: sorted.map((c) => c.child), chosen };
}

/** What counting a child's new marks needs of it: the caller has read it already. */
export type NewMarksChild = Pick<
  NotesChildRow,
  'studentId' | 'publicationMode' | 'studentDelayDays' | 'parentDelayDays'
>;

/**
 * How many of the child's marks of the year are new to the account since `since` (the home
 * tile « 4 nouvelles notes »: the previous login; the e-mail digest: its last one), decided as
 * the notes page decides it. The child comes from the caller's own read of the account's
 * children (home rows, digest children), scoped by the account as NOTES_CHILDREN is: not read
 * again; the two reads here are scoped by the account too.
 */
export async function countNewMarks(
  reads: PreparedReads,
  account: { accountId: number; kind: 'guardian' | 'student' },
  child: NewMarksChild,
  day: { asOf: string; now: Date; since: string | null },
): Promise<number> {
  const params = [account.accountId, Number(child.studentId)];
  const [periods, marks] = await Promise.all([
    reads.all<NotesPeriodRow>(NOTES_PERIODS, params),
    // Only what the count needs: no subject, teacher or label (half the home page's time).
    reads.all<MarkFacts>(NOTES_TILE_MARKS, params),
  ]);
  return visibleMarks(
    marks,
    settingsOf(child, periods),
    notesViewer(account.kind, false),
    day.asOf,
    readAt(day.asOf, day.now),
    day.since,
  ).filter((m) => m.isNew).length;
}

const periodOut = (p: NotesPeriodRow, newCount = 0): NotesPeriod => ({
  id: Number(p.id),
  label: p.label,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  newCount,
});

/** The chooser's periods (the child's level's own, or the school's), and the one shown. */
function choosePeriod(
  all: NotesPeriodRow[],
  level: string,
  asOf: string,
  periodId: number | undefined,
): { periods: NotesPeriodRow[]; period: NotesPeriodRow | null } {
  const periods = periodsOfLevel(all, level).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  if (periodId !== undefined) {
    const asked = periods.find((p) => Number(p.id) === periodId);
    if (!asked) throw new ApiFailure('not_found', PERIOD_NOT_FOUND);
    return { periods, period: asked };
  }
  const current =
    periodOfDay(periods, asOf) ??
    periods.filter((p) => p.startsOn <= asOf).at(-1) ??
    periods[0] ??
    null;
  return { periods, period: current };
}

/**
 * An assessment's class figures from the read's totals: the same values assessmentFigures
 * gives from the marks one by one (average = Σ points ÷ count, exact; lowest; highest), read
 * as four numbers rather than the whole class's marks.
 */
export function classFiguresOf(row: NotesClassFiguresRow | undefined) {
  const count = Number(row?.count ?? 0);
  if (!row || count === 0) return { average: NO_AVERAGE, lowest: NO_AVERAGE, highest: NO_AVERAGE };
  return {
    average: formatRational(rational(BigInt(row.sum ?? 0), BigInt(count) * 100n)),
    lowest: formatHundredths(Number(row.lowest)),
    highest: formatHundredths(Number(row.highest)),
  };
}

const subjectLabel = (r: { longLabel: string; shortLabel: string }) =>
  (r.longLabel || r.shortLabel).trim();

export interface NotesOptions {
  child?: number | undefined;
  period?: number | undefined;
  /** The staff preview: a responsable's account is then seen as `staffPreview`. */
  preview?: boolean;
}

/**
 * The notes page's read model, for the portal and the staff preview alike: the child's
 * subjects with their teachers, the period's marks `viewer` sees on `asOf` with the class's
 * figures, and the subject and general averages computed from those visible marks only, each
 * with its explanation. A child the account does not cover is refused before anything else.
 */
export async function readFamilyNotes(
  reads: PreparedReads,
  accountId: number,
  asOf: string,
  now: Date,
  options: NotesOptions = {},
): Promise<NotesView> {
  const { children, chosen } = await childrenOf(reads, accountId, options.child);
  if (!chosen.row.openedServices.split(',').includes('notes')) {
    throw new ApiFailure('not_found', NOTES_NOT_OPENED);
  }
  const childId = chosen.child.studentId;
  const [allPeriods, services, marks, coefficients] = await Promise.all([
    reads.all<NotesPeriodRow>(NOTES_PERIODS, [accountId, childId]),
    reads.all<NotesServiceRow>(NOTES_SERVICES, [accountId, childId]),
    reads.tuples(NOTES_MARKS, [accountId, childId]).then((tuples) => tuples.map(markRowOf)),
    reads.all<{ subjectCode: string; coefficientHundredths: number }>(NOTES_COEFFICIENTS, [
      accountId,
      childId,
    ]),
  ]);
  const { periods, period } = choosePeriod(
    allPeriods,
    chosen.row.level ?? '',
    asOf,
    options.period,
  );
  const viewer = notesViewer(chosen.row.kind, options.preview === true);
  const at = readAt(asOf, now);
  // The whole year's visible marks: the period's are shown, the others' new ones counted on
  // their period's button.
  const year = visibleMarks(
    marks,
    settingsOf(chosen.row, allPeriods),
    viewer,
    asOf,
    at,
    chosen.row.previousLoginAt,
  );
  const newByPeriod = new Map<number, number>();
  for (const m of year) {
    if (m.isNew)
      newByPeriod.set(Number(m.row.periodId), (newByPeriod.get(Number(m.row.periodId)) ?? 0) + 1);
  }
  const shown = period ? year.filter((m) => Number(m.row.periodId) === Number(period.id)) : [];
  const figures = new Map(
    period && shown.length > 0
      ? (
          await reads.all<NotesClassFiguresRow>(NOTES_CLASS_FIGURES, [
            accountId,
            childId,
            period.id,
            at.toISOString(),
          ])
        ).map((f) => [Number(f.assessmentId), f])
      : [],
  );

  // One tile a subject: the child's services' subjects, and any subject the child has a mark in.
  const tiles = new Map<string, { label: string; teachers: Set<string>; marks: VisibleMark[] }>();
  const tile = (r: { subjectCode: string; longLabel: string; shortLabel: string }) => {
    let t = tiles.get(r.subjectCode);
    if (!t) {
      t = { label: subjectLabel(r), teachers: new Set(), marks: [] };
      tiles.set(r.subjectCode, t);
    }
    return t;
  };
  for (const s of services) tile(s).teachers.add(s.teacher);
  for (const m of shown) {
    const t = tile(m.row);
    t.teachers.add(m.row.teacher);
    t.marks.push(m);
  }
  const coefficientOf = new Map(
    coefficients.map((c) => [c.subjectCode, Number(c.coefficientHundredths)]),
  );

  const subjects: (NotesSubject & { exact: ReturnType<typeof subjectAverage> })[] = [
    ...tiles.entries(),
  ]
    .sort(([, a], [, b]) => FRENCH.compare(a.label, b.label))
    .map(([code, t]) => {
      const ordered = [...t.marks].sort(
        (a, b) =>
          // ISO days compare as plain text (localeCompare asks ICU, 300 marks a page).
          (a.row.day < b.row.day ? 1 : a.row.day > b.row.day ? -1 : 0) ||
          Number(b.row.assessmentId) - Number(a.row.assessmentId),
      );
      const exact = subjectAverage(
        ordered.flatMap((m) =>
          m.value === null
            ? []
            : [
                {
                  ref: String(m.row.assessmentId),
                  label: m.row.label,
                  value: m.value,
                  scaleHundredths: Number(m.row.scaleHundredths),
                  coefficientHundredths: Number(m.row.coefficientHundredths),
                  optional: readBool(m.row.optional),
                },
              ],
        ),
      );
      const lines: NotesMark[] = ordered.map((m) => {
        const f = classFiguresOf(figures.get(Number(m.row.assessmentId)));
        return {
          assessmentId: Number(m.row.assessmentId),
          day: m.row.day,
          label: m.row.label,
          mark: m.value === null ? NO_AVERAGE : markLabel(m.value, Number(m.row.scaleHundredths)),
          classAverage: f.average,
          lowest: f.lowest,
          highest: f.highest,
          coefficient: formatCoefficient(Number(m.row.coefficientHundredths)),
          optional: readBool(m.row.optional),
          isNew: m.isNew,
          modifiedAt: m.modifiedAt,
          cleared: m.value === null,
        };
      });
      return {
        code,
        label: t.label,
        teachers: [...t.teachers].sort(FRENCH.compare),
        newCount: lines.filter((l) => l.isNew).length,
        marks: lines,
        average: toAverageView(exact),
        coefficient: formatCoefficient(coefficientOf.get(code) ?? 100),
        exact,
      };
    });

  const general = generalAverage(
    subjects.map((s) => ({
      ref: s.code,
      label: s.label,
      average: s.exact.value,
      coefficientHundredths: coefficientOf.get(s.code) ?? 100,
    })),
  );
  return {
    asOf,
    viewer,
    accountKind: chosen.row.kind,
    children,
    child: chosen.child,
    periods: periods.map((p) => periodOut(p, newByPeriod.get(Number(p.id)) ?? 0)),
    period: period ? periodOut(period, newByPeriod.get(Number(period.id)) ?? 0) : null,
    subjects: subjects.map(({ exact: _exact, ...subject }) => subject),
    general: toGeneralAverageView(general),
    newCount: subjects.reduce((n, s) => n + s.newCount, 0),
  };
}
