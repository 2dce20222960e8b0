/**
 * When a mark reaches the portal (SPEC §5, issue 16 §5; seed 003 §3.5: marks are shown
 * « soit au fil de l'eau, soit à date d'échéance (en fonction du paramétrage de
 * l'établissement) »). Decides on Paris days, for one assessment and one viewer.
 *
 * - « au fil de l'eau » (continuous): from the day of the assessment;
 * - « à date » (scheduled): from the school's publication day for the period; a period
 *   without one keeps its marks hidden;
 * - in either mode, a teacher's publication day on the assessment replaces the school's;
 * - an optional delay, counted from the day of the assessment: students after
 *   `studentDelayDays`, parents `parentDelayDays` after the students (Pronote's default is
 *   1 and 1). A publication day later than the delay wins: the delay never makes a mark
 *   appear earlier.
 */
import { addDays, laterDay, parisStartOfDay, type IsoDay } from './parisDays';
import type { Viewer } from './viewer';

/** The glossary's names for « au fil de l'eau » / « à date d'échéance ». */
export type GradePublicationMode = 'continuous' | 'scheduled';

export interface GradePublicationSettings {
  mode: GradePublicationMode;
  /** « à date »: the school's publication day for each period, by the caller's period id. */
  periodPublicationDays: Readonly<Record<string, IsoDay | null | undefined>>;
  /** Days after the assessment before its pupils see it (0: at once). */
  studentDelayDays: number;
  /** Days after the pupils before the parents see it (0: with the pupils). */
  parentDelayDays: number;
}

export const DEFAULT_GRADE_PUBLICATION: GradePublicationSettings = {
  mode: 'continuous',
  periodPublicationDays: {},
  studentDelayDays: 0,
  parentDelayDays: 0,
};

/** Pronote's default delay: pupils the day after the test, parents the day after the pupils. */
export const PRONOTE_DELAYS = { studentDelayDays: 1, parentDelayDays: 1 } as const;

export interface AssessmentPublicationFacts {
  /** The Paris day of the assessment. */
  day: IsoDay;
  /** The caller's period id, looked up in `periodPublicationDays`. */
  periodId: string;
  /** A teacher's publication day on this assessment; replaces the school's. */
  publicationDay?: IsoDay | null;
}

export type GradeHiddenReason = 'noPublicationDay' | 'beforePublicationDay' | 'beforeDelay';

export type GradeVisibility =
  | { visible: true; since: IsoDay }
  | { visible: false; from: IsoDay | null; reason: GradeHiddenReason };

/** The school's (or the teacher's) publication day; null when « à date » has none yet. */
function releaseDay(
  assessment: AssessmentPublicationFacts,
  settings: GradePublicationSettings,
): IsoDay | null {
  if (assessment.publicationDay) return assessment.publicationDay;
  if (settings.mode === 'scheduled') {
    const days = settings.periodPublicationDays;
    // Own keys only: a period id such as « constructor » must not find Object's properties.
    return Object.hasOwn(days, assessment.periodId) ? (days[assessment.periodId] ?? null) : null;
  }
  return assessment.day;
}

function delayDays(settings: GradePublicationSettings, viewer: Viewer): number {
  const student = Math.max(0, settings.studentDelayDays);
  return viewer === 'student' ? student : student + Math.max(0, settings.parentDelayDays);
}

/** The first Paris day on which `viewer` sees the assessment's marks; null: not planned yet. */
export function gradeVisibleFrom(
  assessment: AssessmentPublicationFacts,
  settings: GradePublicationSettings,
  viewer: Viewer,
): IsoDay | null {
  const release = releaseDay(assessment, settings);
  return release === null
    ? null
    : laterDay(release, addDays(assessment.day, delayDays(settings, viewer)));
}

/** Whether `viewer` sees the assessment's marks on Paris day `today`, and if not, why and from when. */
export function gradeVisibility(
  assessment: AssessmentPublicationFacts,
  settings: GradePublicationSettings,
  viewer: Viewer,
  today: IsoDay,
): GradeVisibility {
  const release = releaseDay(assessment, settings);
  if (release === null) return { visible: false, from: null, reason: 'noPublicationDay' };
  const from = laterDay(release, addDays(assessment.day, delayDays(settings, viewer)));
  if (today >= from) return { visible: true, since: from };
  return { visible: false, from, reason: today < release ? 'beforePublicationDay' : 'beforeDelay' };
}

/**
 * The instant `viewer` could first see a mark: the start of its visible Paris day, or later
 * if the mark was entered later (« au fil de l'eau », a mark typed three days after the test
 * appears when typed). Null while no publication day is set.
 */
export function gradePublishedAt(
  assessment: AssessmentPublicationFacts,
  settings: GradePublicationSettings,
  viewer: Viewer,
  markEnteredAt: Date | string,
): Date | null {
  return publishedAtFrom(gradeVisibleFrom(assessment, settings, viewer), new Date(markEnteredAt));
}

function publishedAtFrom(from: IsoDay | null, entered: Date): Date | null {
  if (from === null) return null;
  const dayStart = parisStartOfDay(from);
  return entered > dayStart ? entered : dayStart;
}

/** One assessment's publication for one viewer on one day, as `gradePublicationsOn` gives it. */
export interface GradePublication {
  visibility: GradeVisibility;
  /** gradePublishedAt for a mark of this assessment entered at `entered`. */
  publishedAt(entered: Date): Date | null;
}

/**
 * gradeVisibility and gradePublishedAt for the many marks one viewer reads on one day (a
 * notes page: 300 marks over a few dozen assessment days): each distinct (day, period,
 * publication day) is worked out once, with the same answers as the two functions.
 */
export function gradePublicationsOn(
  settings: GradePublicationSettings,
  viewer: Viewer,
  today: IsoDay,
): (assessment: AssessmentPublicationFacts) => GradePublication {
  const known = new Map<string, GradePublication>();
  return (assessment) => {
    const key = `${assessment.day}|${assessment.periodId}|${assessment.publicationDay ?? ''}`;
    let publication = known.get(key);
    if (!publication) {
      const from = gradeVisibleFrom(assessment, settings, viewer);
      publication = {
        visibility: gradeVisibility(assessment, settings, viewer, today),
        publishedAt: (entered) => publishedAtFrom(from, entered),
      };
      known.set(key, publication);
    }
    return publication;
  };
}

/**
 * Whether something published at `publishedAt` is new to a user last seen at `lastLoginAt`
 * (the orange tiles of seed 003 §3.5: « Les notes publiées depuis la dernière connexion de
 * l'utilisateur sont mises en avant »): published by `now`, after that login. Never logged
 * in: everything published is new.
 */
export function isNewSince(
  publishedAt: Date | null,
  lastLoginAt: Date | string | null,
  now: Date,
): boolean {
  if (publishedAt === null || publishedAt > now) return false;
  return lastLoginAt === null || publishedAt > new Date(lastLoginAt);
}
