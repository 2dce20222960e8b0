import type { GradePublicationMode } from './school';

/**
 * The school's grade-publication settings as stored and edited in Paramètres (SPEC §5,
 * issue 16 §2). The pure publication module decides what a viewer sees; it takes these plus
 * each period's publication day (publicationDayOf in ./periods):
 *
 * - « au fil de l'eau » (continuous): from the assessment's day;
 * - « à date » (scheduled): from the period's publication day;
 * - in both, the student sees a mark `studentDelayDays` after the assessment's day and the
 *   parents `parentDelayDays` after the student; a later publication day wins.
 */
export interface SchoolGradePublication {
  mode: GradePublicationMode;
  studentDelayDays: number;
  parentDelayDays: number;
}

/** Families see a mark as soon as it is published, parents and student alike. */
export const DEFAULT_SCHOOL_GRADE_PUBLICATION: SchoolGradePublication = {
  mode: 'continuous',
  studentDelayDays: 0,
  parentDelayDays: 0,
};

/** What Pronote proposes: the student a day after the assessment, the parents a day later. */
export { PRONOTE_DELAYS } from './publication/gradePublication';

/** Beyond a month a delay is a typing slip, not a policy. */
export const MAX_PUBLICATION_DELAY_DAYS = 30;
