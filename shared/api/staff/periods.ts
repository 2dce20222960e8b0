import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Empty, Id, type IsoDate } from '../fields';
import { ALL_STAFF, DIRECTION } from '../../domain/access';
import { isoIfRealDay } from '../../domain/frenchDates';
import {
  DEFAULT_SCHOOL_GRADE_PUBLICATION,
  MAX_PUBLICATION_DELAY_DAYS,
  type SchoolGradePublication,
} from '../../domain/gradePublication';
import {
  EVERY_LEVEL,
  PERIOD_KINDS,
  type GradingPeriod,
  type PeriodKind,
  type PeriodReopening,
} from '../../domain/periods';
import type { StaffRole } from '../../domain/roles';
import { GRADE_PUBLICATION_MODES, LEVELS } from '../../domain/school';

/** A real day, 'YYYY-MM-DD' (the window turns JJ/MM/AAAA into it). */
const day = (label: string) =>
  z.string({ error: `${label} : date attendue.` }).refine(
    (v) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      return m !== null && isoIfRealDay(m[1]!, m[2]!, m[3]!) === v;
    },
    { error: `${label} : une date réelle, JJ/MM/AAAA.` },
  );

export const LevelKey = z.enum([EVERY_LEVEL, ...LEVELS], { error: 'Niveau inconnu.' });
/** A level of LEVELS, or EVERY_LEVEL for the school's own periods. */
export type PeriodLevelKey = z.output<typeof LevelKey>;

export const PeriodDatesInput = z.object({
  startsOn: day('Début'),
  endsOn: day('Fin'),
  closesOn: day('Fermeture de la saisie').nullable(),
  publishesOn: day('Publication').nullable(),
});

export const PeriodSetInput = z.object({
  level: LevelKey,
  kind: z.enum(Object.keys(PERIOD_KINDS) as [PeriodKind, ...PeriodKind[]], {
    error: 'Trimestres ou semestres.',
  }),
  /** In order: T1–T3 or S1–S2. */
  periods: z.array(PeriodDatesInput).min(2).max(3),
});

export const ReopenInput = z.object({
  periodId: Id,
  teacherId: Id,
  untilOn: day('Rouverte jusqu’au'),
});

export const GradePublicationInput = z.object({
  mode: z.enum(Object.keys(GRADE_PUBLICATION_MODES) as ['continuous', 'scheduled'], {
    error: 'Mode de publication des notes inconnu.',
  }),
  studentDelayDays: delay('Délai pour l’élève'),
  parentDelayDays: delay('Délai pour les parents'),
});

function delay(label: string) {
  return z
    .number({ error: `${label} : un nombre de jours.` })
    .int({ error: `${label} : un nombre entier de jours.` })
    .min(0, { error: `${label} : 0 jour au moins.` })
    .max(MAX_PUBLICATION_DELAY_DAYS, {
      error: `${label} : ${MAX_PUBLICATION_DELAY_DAYS} jours au plus.`,
    });
}

/** One level as the periods screen lists it: the school's set first, then each level taught. */
export interface PeriodLevel {
  level: PeriodLevelKey;
  /** « Tous niveaux », « 4e ». */
  label: string;
  /** The divisions of that level (« 4A, 4B »); empty for the school's set. */
  divisions: string[];
  /** Whether the level has periods of its own, rather than the school's. */
  hasOwnPeriods: boolean;
}

export interface PeriodReopeningView extends PeriodReopening {
  teacherName: string;
}

export interface PeriodsOverview {
  year: { label: string; startsOn: IsoDate; endsOn: IsoDate } | null;
  levels: PeriodLevel[];
  /** Every period of the year, every level, in order of level then start. */
  periods: GradingPeriod[];
  reopenings: PeriodReopeningView[];
  /** Active teachers, for the reopening form. */
  teachers: { id: number; displayName: string }[];
  /** The school's day (Paris), to say which periods are closed. */
  today: IsoDate;
}

export { DEFAULT_SCHOOL_GRADE_PUBLICATION, type SchoolGradePublication };

/** A coefficient as direction types it: 0 (the mark shows, counts in no average) to 100, in hundredths. */
export const SubjectCoefficientInput = z.object({
  divisionId: Id,
  /** The ministry's code matière, as SIECLE and STS-Web write it (« 030201 »). */
  subjectCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{1,20}$/, { error: 'Matière : le code matière (chiffres et lettres).' }),
  coefficient: z
    .number({ error: 'Coefficient : un nombre.' })
    .min(0, { error: 'Coefficient : 0 au moins.' })
    .max(100, { error: 'Coefficient : 100 au plus.' })
    .refine((v) => Number.isInteger(Math.round(v * 1e6) / 1e4), {
      error: 'Coefficient : deux décimales au plus (ex. 1,5).',
    }),
});

export interface DivisionCoefficients {
  divisionId: number;
  divisionCode: string;
  /** The school's subjects (SIECLE nomenclature) and any with a coefficient set, by code. */
  subjects: {
    subjectCode: string;
    label: string;
    /** 1 unless direction set another; exact to the hundredth. */
    coefficient: number;
  }[];
}

export const periodCalls = {
  'periods.list': { input: Empty, access: ALL_STAFF, output: out<PeriodsOverview>() },
  /** Replaces one level's periods (T1–T3 or S1–S2), kept by code so marks keep theirs. */
  'periods.update': { input: PeriodSetInput, access: DIRECTION, output: out<PeriodsOverview>() },
  /** A level goes back to the school's periods. */
  'periods.removeLevel': {
    input: z.object({ level: LevelKey }),
    access: DIRECTION,
    output: out<PeriodsOverview>(),
  },
  'periods.reopen': { input: ReopenInput, access: DIRECTION, output: out<PeriodsOverview>() },
  'periods.withdrawReopening': {
    input: z.object({ id: Id }),
    access: DIRECTION,
    output: out<PeriodsOverview>(),
  },
  'publication.get': { input: Empty, access: ALL_STAFF, output: out<SchoolGradePublication>() },
  'publication.update': {
    input: GradePublicationInput,
    access: DIRECTION,
    output: out<SchoolGradePublication>(),
  },
  /** Subject coefficients of one division, for the general average (default 1). */
  'coefficients.list': {
    input: z.object({ divisionId: Id }),
    access: ALL_STAFF,
    output: out<DivisionCoefficients>(),
  },
  'coefficients.update': {
    input: SubjectCoefficientInput,
    access: DIRECTION,
    output: out<DivisionCoefficients>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
