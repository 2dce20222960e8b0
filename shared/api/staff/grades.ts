import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Id, required, type IsoDate, type IsoInstant } from '../fields';
import { GRADERS, REPORT_CARD_PRINTERS } from '../../domain/access';
import { isoIfRealDay } from '../../domain/frenchDates';
import type { AverageView } from '../../domain/grades/explainAverage';
import { parseCoefficientInput, parseScaleInput, type MarkValue } from '../../domain/grades/marks';
import type { MarkEntryStatus } from '../../domain/periods';
import type { StaffRole } from '../../domain/roles';
import type { TeachingServiceSummary } from './teaching';

/** A real day, 'YYYY-MM-DD'. */
const day = (label: string) =>
  z.string({ error: `${label} : date attendue.` }).refine(
    (v) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      return m !== null && isoIfRealDay(m[1]!, m[2]!, m[3]!) === v;
    },
    { error: `${label} : une date réelle, JJ/MM/AAAA.` },
  );

/** A number as typed in French (« 0,5 », « 20 ») to hundredths, by one of marks.ts's parsers. */
const typedHundredths = (
  label: string,
  parse: (text: string) => { ok: true; hundredths: number } | { ok: false; message: string },
) =>
  z
    .string({ error: `${label} : nombre attendu.` })
    .max(20, { error: `${label} : nombre attendu.` })
    .transform((text, ctx) => {
      const parsed = parse(text);
      if (parsed.ok) return parsed.hundredths;
      ctx.issues.push({ code: 'custom', message: parsed.message, input: text });
      return z.NEVER;
    });

const AssessmentFields = {
  label: required('Intitulé', 100),
  day: day('Date du devoir'),
  /** The barème as typed: « 20 » (default), « 10 », « 19 ». */
  scale: typedHundredths('Barème', parseScaleInput).default(2000),
  /** « 1 » (default), « 0,5 », « 0 » (shown, counts nowhere). */
  coefficient: typedHundredths('Coefficient', parseCoefficientInput).default(100),
  /** « facultatif »: counts only where it raises the average. */
  optional: z.boolean({ error: 'Facultatif : oui ou non.' }).default(false),
  /** The teacher's publication day; null: the school's rule. */
  publishesOn: day('Publication').nullable().default(null),
};

export const AssessmentCreateInput = z.object({
  serviceId: Id,
  periodId: Id,
  ...AssessmentFields,
});

export const AssessmentUpdateInput = z.object({
  id: Id,
  /** The version the window last saw: a change made meanwhile is not overwritten. */
  version: z.number({ error: 'Version manquante.' }).int().positive(),
  periodId: Id,
  ...AssessmentFields,
});

export const AssessmentDeleteInput = z.object({ id: Id });

export const GradeGridInput = z.object({ serviceId: Id, periodId: Id });

/** What a teacher typed in a cell: « 12,5 », « Abs », « a », « » (clears it). */
const CellText = z
  .string({ error: 'Note : texte attendu.' })
  .max(20, { error: 'Note : 20 caractères au plus.' });
/** The cell's version as last read (0: the window saw no mark there). */
const CellVersion = z.number({ error: 'Version manquante.' }).int().min(0);

export const MarkSaveInput = z.object({
  assessmentId: Id,
  studentId: Id,
  text: CellText,
  version: CellVersion,
});

export const MarkColumnInput = z.object({
  assessmentId: Id,
  /** The pasted column, in the grid's order (its lines are named in refusals). */
  cells: z
    .array(z.object({ studentId: Id, text: CellText, version: CellVersion }))
    .min(1, { error: 'Rien à coller.' })
    .max(200, { error: 'Une colonne de 200 élèves au plus.' }),
});

export const SubjectAverageInput = z.object({ serviceId: Id, periodId: Id, studentId: Id });

/** A relevé de notes: a whole division, or one pupil (of their division), over one period. */
export const ReportCardInput = z
  .object({ periodId: Id, divisionId: Id.optional(), studentId: Id.optional() })
  .refine((v) => (v.divisionId === undefined) !== (v.studentId === undefined), {
    error: 'Choisissez une division ou un élève.',
  });

export interface GradeCell {
  studentId: number;
  /** null: no mark (never entered, or cleared). */
  value: MarkValue | null;
  /** As the teacher would type it back: « 12,5 », « Abs », « ». */
  text: string;
  /** 0 where no mark was ever entered: the version to send back with a change. */
  version: number;
  updatedAt: IsoInstant | null;
  updatedBy: string | null;
  /** Changed (or cleared) after families could see it: « modifiée le … ». */
  modifiedAfterPublicationAt: IsoInstant | null;
}

export interface AssessmentSummary {
  id: number;
  serviceId: number;
  periodId: number;
  label: string;
  day: IsoDate;
  scaleHundredths: number;
  coefficientHundredths: number;
  optional: boolean;
  publishesOn: IsoDate | null;
  version: number;
}

export interface GridAssessment extends AssessmentSummary {
  /** Whether pupils could see its marks today (the earliest viewer). */
  published: boolean;
  /** Class figures on the assessment's scale: « 12,50 », « — ». */
  figures: { count: number; average: string; lowest: string; highest: string };
}

export interface GradeGrid {
  service: TeachingServiceSummary;
  period: { id: number; code: string; label: string; startsOn: IsoDate; endsOn: IsoDate };
  /** The service teacher's entry status for the period (closing day, reopening). */
  entry: MarkEntryStatus & { text: string };
  /** Whether the caller may change marks here now (their own service while open; direction). */
  canEdit: boolean;
  assessments: GridAssessment[];
  pupils: {
    id: number;
    lastName: string;
    firstName: string;
    divisionCode: string;
    /** By assessment id. */
    cells: Record<string, GradeCell>;
    /** The subject average over the period: « 12,75 » or « — ». */
    average: string;
  }[];
}

export type MarkSaveResult =
  | { status: 'saved'; cell: GradeCell }
  /** Someone saved this cell after the window read it: nothing changed, here is theirs. */
  | { status: 'stale'; message: string; cell: GradeCell };

export interface MarkColumnResult {
  cells: GradeCell[];
}

export interface StudentSubjectAverage {
  studentId: number;
  serviceId: number;
  periodId: number;
  average: AverageView;
}

export const gradeCalls = {
  'assessments.create': {
    input: AssessmentCreateInput,
    access: GRADERS,
    output: out<AssessmentSummary>(),
  },
  'assessments.update': {
    input: AssessmentUpdateInput,
    access: GRADERS,
    output: out<AssessmentSummary>(),
  },
  'assessments.delete': { input: AssessmentDeleteInput, access: GRADERS, output: out<null>() },
  /** Teachers: their services and, as professeur principal, their division's; direction all. */
  'grades.grid': { input: GradeGridInput, access: GRADERS, output: out<GradeGrid>() },
  'marks.save': { input: MarkSaveInput, access: GRADERS, output: out<MarkSaveResult>() },
  'marks.saveColumn': {
    input: MarkColumnInput,
    access: GRADERS,
    output: out<MarkColumnResult>(),
  },
  'grades.subjectAverage': {
    input: SubjectAverageInput,
    access: GRADERS,
    output: out<StudentSubjectAverage>(),
  },
  /** The printable relevé (PDF); web mode downloads it from GET releve.pdf?periode=…&division=… */
  'grades.reportCard': {
    input: ReportCardInput,
    access: REPORT_CARD_PRINTERS,
    output: out<Uint8Array>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
