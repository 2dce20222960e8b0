import type { GradePublicationMode } from './school';

/**
 * The school's grade-publication settings (SPEC §5, issue 16 §2). The pure publication
 * module reads them; this file only says what they mean.
 *
 * - « au fil de l'eau » (continuous): a mark reaches the student `studentDelayDays` after the
 *   assessment's date, and the parents `parentDelayDays` after the student;
 * - « à date » (scheduled): the same delays count from the period's publication day
 *   (publicationDayOf in ./periods) instead of the assessment's date.
 */
export interface GradePublicationSettings {
  mode: GradePublicationMode;
  studentDelayDays: number;
  parentDelayDays: number;
}

/** Families see a mark as soon as it is published, parents and student alike. */
export const DEFAULT_GRADE_PUBLICATION: GradePublicationSettings = {
  mode: 'continuous',
  studentDelayDays: 0,
  parentDelayDays: 0,
};

/** What Pronote proposes: the student a day after the assessment, the parents a day later. */
export const PRONOTE_DELAYS = { studentDelayDays: 1, parentDelayDays: 1 } as const;

/** Beyond a month a delay is a typing slip, not a policy. */
export const MAX_PUBLICATION_DELAY_DAYS = 30;
