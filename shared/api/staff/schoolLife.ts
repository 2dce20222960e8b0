import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import { Empty, Id, required, text, type IsoDate, type IsoInstant } from '../fields';
import { ALL_STAFF, OFFICE } from '../../domain/access';
import { isoIfRealDay } from '../../domain/frenchDates';
import type { StaffRole } from '../../domain/roles';
import {
  SCHOOL_LIFE_EVENT_KIND_KEYS,
  type SchoolLifeEventKind,
} from '../../domain/vieScolaire/eventKinds';
import type { HalfDay } from '../../domain/vieScolaire/halfDays';
import { frenchClockWords, parisDay } from '../../domain/publication/parisDays';
import {
  SCHOOL_DAY_END,
  SCHOOL_DAY_START,
  withinSchoolDay,
} from '../../domain/vieScolaire/rollSlots';
import {
  SANCTION_KINDS,
  SANCTIONS,
  suspensionRevocableProblem,
  type SanctionKind,
} from '../../domain/vieScolaire/sanctions';

/** Who records and processes vie scolaire events (issue 17): the CPE and direction. */
export const SCHOOL_LIFE_KEEPERS = ['direction', 'cpe'] as const satisfies readonly StaffRole[];
/** Who takes a roll: the keepers, and teachers for the divisions and groups they teach. */
export const ROLL_TAKERS = ['direction', 'cpe', 'teacher'] as const satisfies readonly StaffRole[];

const day = (label: string) =>
  z.string({ error: `${label} : date attendue.` }).refine(
    (v) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      return m !== null && isoIfRealDay(m[1]!, m[2]!, m[3]!) === v;
    },
    { error: `${label} : une date réelle, JJ/MM/AAAA.` },
  );
const time = (label: string) =>
  z
    .string({ error: `${label} : heure attendue.` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${label} : une heure, HH:MM.` });
const instant = (label: string) =>
  z
    .string({ error: `${label} : date et heure attendues.` })
    .refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), {
      error: `${label} : date et heure illisibles.`,
    })
    .transform((v) => new Date(v).toISOString());

export const MotifInput = z.object({
  /** Absent: a new motif. */
  id: Id.optional(),
  label: required('Libellé', 120),
  legitimate: z.boolean({ error: 'Légitime : oui ou non.' }),
  openToFamilies: z.boolean({ error: 'Ouvert aux familles : oui ou non.' }),
  confidential: z.boolean({ error: 'Confidentiel : oui ou non.' }),
  active: z.boolean({ error: 'Actif : oui ou non.' }).default(true),
});

export interface Motif {
  id: number;
  label: string;
  legitimate: boolean;
  openToFamilies: boolean;
  confidential: boolean;
  active: boolean;
}

export const RollStructureInput = z.object({
  kind: z.enum(['division', 'group'], { error: 'Division ou groupe.' }),
  code: required('Division ou groupe', 30),
});

export const RollSlotInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('halfDay'),
      part: z.enum(['morning', 'afternoon'], { error: 'Matin ou après-midi.' }),
    }),
    z
      .object({ kind: z.literal('hour'), from: time('Début'), to: time('Fin') })
      .refine((s) => s.from < s.to, { error: 'Fin : après le début.', path: ['to'] })
      .refine(withinSchoolDay, {
        error: `Heure de cours : dans la journée, de ${frenchClockWords(SCHOOL_DAY_START)} à ${frenchClockWords(SCHOOL_DAY_END)}.`,
        path: ['from'],
      }),
  ],
  { error: 'Demi-journée ou heure de cours.' },
);

export const RollOpenInput = z.object({
  structure: RollStructureInput,
  day: day('Jour'),
  slot: RollSlotInput,
});

export const RollEntryInput = z
  .object({
    studentId: Id,
    status: z.enum(['absent', 'late'], { error: 'Absent ou en retard.' }),
    minutes: z
      .number({ error: 'Retard : un nombre de minutes.' })
      .int({ error: 'Retard : un nombre entier de minutes.' })
      .min(1, { error: 'Retard : 1 minute au moins.' })
      .max(240, { error: 'Retard : 240 minutes au plus.' })
      .optional(),
  })
  .refine((e) => e.status !== 'late' || e.minutes !== undefined, {
    error: 'Retard : combien de minutes ?',
    path: ['minutes'],
  });

export const RollSaveInput = RollOpenInput.extend({
  /** The pupils not present; everyone else was. */
  entries: z.array(RollEntryInput).max(200),
}).refine((r) => new Set(r.entries.map((e) => e.studentId)).size === r.entries.length, {
  error: 'Un même élève figure deux fois.',
  path: ['entries'],
});

export type RollStatus = 'present' | 'absent' | 'late';

/** An hour a roll may be taken for, 'HH:MM' to 'HH:MM' (cut at the midday boundary). */
export interface RollHour {
  from: string;
  to: string;
}

export interface RollSheet {
  title: string;
  day: IsoDate;
  startsAt: IsoInstant;
  endsAt: IsoInstant;
  /** Whether this roll was saved already (saving again corrects it). */
  saved: boolean;
  pupils: {
    studentId: number;
    lastName: string;
    firstName: string;
    divisionCode: string;
    status: RollStatus;
    minutes: number | null;
    /** An absence or a non-présence autorisée recorded elsewhere covering the slot. */
    coveredBy: { kind: SchoolLifeEventKind; label: string } | null;
  }[];
}

export const FAMILY_NOTICE_MEANS = ['courrier', 'courriel', 'telephone', 'sms'] as const;
export type FamilyNoticeMeans = (typeof FAMILY_NOTICE_MEANS)[number];
const Means = z.enum(FAMILY_NOTICE_MEANS, { error: 'Courrier, courriel, téléphone ou SMS.' });

export const EventRecordInput = z
  .object({
    studentId: Id,
    kind: z.enum(SCHOOL_LIFE_EVENT_KIND_KEYS as [SchoolLifeEventKind, ...SchoolLifeEventKind[]], {
      error: 'Type d’évènement inconnu.',
    }),
    startsAt: instant('Début'),
    endsAt: instant('Fin'),
    minutes: z
      .number({ error: 'Retard : un nombre de minutes.' })
      .int({ error: 'Retard : un nombre entier de minutes.' })
      .min(1, { error: 'Retard : 1 minute au moins.' })
      .max(240, { error: 'Retard : 240 minutes au plus.' })
      .nullable()
      .default(null),
    motifId: Id.nullable().default(null),
    justified: z.boolean().default(false),
    publishableOnline: z.boolean().default(false),
    sanctionKind: z
      .enum(SANCTION_KINDS as [SanctionKind, ...SanctionKind[]], { error: 'Sanction inconnue.' })
      .nullable()
      .default(null),
    suspended: z.boolean().default(false),
    /** R511-13-1: the last day the sursis may be revoked, set by the authority. */
    suspendedUntil: day('Sursis révocable jusqu’au').nullable().default(null),
    comment: text('Commentaire', 2000).default(''),
  })
  .superRefine((e, ctx) => {
    if (e.endsAt < e.startsAt)
      ctx.addIssue({ code: 'custom', message: 'Fin : après le début.', path: ['endsAt'] });
    if (e.kind === 'lateness' && e.minutes === null)
      ctx.addIssue({ code: 'custom', message: 'Retard : combien de minutes ?', path: ['minutes'] });
    if (e.kind !== 'lateness' && e.minutes !== null)
      ctx.addIssue({
        code: 'custom',
        message: 'Minutes : pour un retard seulement.',
        path: ['minutes'],
      });
    if (e.kind === 'sanction' && e.sanctionKind === null)
      ctx.addIssue({
        code: 'custom',
        message: 'Sanction : laquelle (R511-13) ?',
        path: ['sanctionKind'],
      });
    if (e.kind !== 'sanction' && e.sanctionKind !== null)
      ctx.addIssue({
        code: 'custom',
        message: 'Sanction : pour une sanction seulement.',
        path: ['sanctionKind'],
      });
    if (e.suspended && (e.sanctionKind === null || !SANCTIONS[e.sanctionKind].suspensionAllowed))
      ctx.addIssue({
        code: 'custom',
        message:
          'Sursis : pour la mesure de responsabilisation et les exclusions seulement (R511-13).',
        path: ['suspended'],
      });
    if (!e.suspended && e.suspendedUntil !== null)
      ctx.addIssue({
        code: 'custom',
        message: 'Sursis révocable jusqu’au : pour une sanction avec sursis seulement.',
        path: ['suspendedUntil'],
      });
    if (e.suspended && e.sanctionKind !== null && SANCTIONS[e.sanctionKind].suspensionAllowed) {
      const problem =
        e.suspendedUntil === null
          ? 'Sursis révocable jusqu’au : quel jour (R511-13-1) ?'
          : suspensionRevocableProblem(e.sanctionKind, parisDay(e.startsAt), e.suspendedUntil);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['suspendedUntil'] });
    }
  });

export const EventProcessInput = z
  .object({
    id: Id,
    /** The version the CPE read: another CPE's change in between is refused. */
    version: z.number({ error: 'Version manquante.' }).int().positive(),
    motifId: Id.nullable(),
    justified: z.boolean({ error: 'Justifiée : oui ou non.' }),
    publishableOnline: z.boolean({ error: 'Publiable en ligne : oui ou non.' }),
    familyNotifiedAt: instant('Famille avisée le').nullable().default(null),
    familyNotifiedBy: Means.nullable().default(null),
  })
  .refine((p) => (p.familyNotifiedAt === null) === (p.familyNotifiedBy === null), {
    error: 'Famille avisée : la date et le moyen, ou ni l’un ni l’autre.',
    path: ['familyNotifiedBy'],
  });

export interface SchoolLifeEvent {
  id: number;
  studentId: number;
  studentName: string;
  divisionCode: string;
  kind: SchoolLifeEventKind;
  kindLabel: string;
  startsAt: IsoInstant;
  endsAt: IsoInstant;
  minutes: number | null;
  /** Derived from start and end (the school's half-day settings): never stored. */
  halfDays: HalfDay[];
  motif: { id: number; label: string; legitimate: boolean } | null;
  justified: boolean;
  publishableOnline: boolean;
  familyNotifiedAt: IsoInstant | null;
  familyNotifiedBy: FamilyNoticeMeans | null;
  sanctionKind: SanctionKind | null;
  /**
   * The day a sanction leaves the pupil's record (R511-13 IV, or the end of their secondary
   * schooling when the school knows it); null for anything else and the exclusion définitive.
   */
  sanctionErasedOn: IsoDate | null;
  suspended: boolean;
  /** With a sursis, the last day it may be revoked (R511-13-1); null otherwise. */
  suspendedUntil: IsoDate | null;
  comment: string;
  recordedAt: IsoInstant;
  processed: boolean;
  version: number;
}

export const QueueInput = z.object({ divisionId: Id.optional() });

export const WatchInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Mois : AAAA-MM.' }),
});

export interface AbsenteeismWatchRow {
  studentId: number;
  studentName: string;
  divisionCode: string;
  /** Half-days without a legitimate motive in the month (L131-8), in order. */
  halfDays: HalfDay[];
  count: number;
  /** « Signalé à la DSDEN le … », as the CPE recorded it for this month. */
  reportedOn: IsoDate | null;
}

export const NoticeInput = z.object({ id: Id });

export interface NoticeSent {
  event: SchoolLifeEvent;
  /** How many representatives got the e-mail. */
  recipients: number;
}

export const DsdenReportInput = WatchInput.extend({
  studentId: Id,
  reportedOn: day('Signalé le'),
});

export const SchoolLifeSettingsInput = z.object({
  middayBoundary: time('Heure de midi'),
  closedPeriods: z
    .array(
      z
        .object({ from: day('Du'), to: day('Au') })
        .refine((p) => p.from <= p.to, { error: 'Au : après le début.', path: ['to'] }),
    )
    .max(60),
});

export interface SchoolLifeSettings {
  middayBoundary: string;
  closedPeriods: { from: IsoDate; to: IsoDate }[];
}

export const schoolLifeCalls = {
  'motifs.list': { input: Empty, access: OFFICE, output: out<Motif[]>() },
  'motifs.save': { input: MotifInput, access: SCHOOL_LIFE_KEEPERS, output: out<Motif[]>() },
  'schoolLife.settings': { input: Empty, access: OFFICE, output: out<SchoolLifeSettings>() },
  'schoolLife.updateSettings': {
    input: SchoolLifeSettingsInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<SchoolLifeSettings>(),
  },
  /** A division's or a group's pupils for a half-day or an hour, present unless recorded otherwise. */
  'roll.open': { input: RollOpenInput, access: ALL_STAFF, output: out<RollSheet>() },
  /** The roll's hours, the one holding the school's midday boundary cut there. */
  'roll.hours': { input: Empty, access: ALL_STAFF, output: out<RollHour[]>() },
  /** Saves the roll in one transaction; saving the same slot again corrects it. */
  'roll.save': { input: RollSaveInput, access: ROLL_TAKERS, output: out<RollSheet>() },
  /** One event for one pupil, over as many days as it lasts. */
  'schoolLife.record': {
    input: EventRecordInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<SchoolLifeEvent>(),
  },
  /** The CPE's queue: events not yet processed, oldest first. */
  // Vie scolaire is the CPE's and direction's (SPEC §2), not the secretariat's.
  'schoolLife.queue': {
    input: QueueInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<SchoolLifeEvent[]>(),
  },
  'schoolLife.process': {
    input: EventProcessInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<SchoolLifeEvent>(),
  },
  /** L131-8: pupils with four half-days or more without a legitimate motive in the month. */
  'schoolLife.watch': {
    input: WatchInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<AbsenteeismWatchRow[]>(),
  },
  /** Absence notice e-mailed to the legal representatives: « famille avisée » par courriel. */
  'schoolLife.noticeEmail': {
    input: NoticeInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<NoticeSent>(),
  },
  /**
   * The absence notice to print, one page a legal representative; it records nothing (web
   * mode downloads it from GET absence-notice.pdf?evenement=…, which must stay safe).
   */
  'schoolLife.noticePdf': {
    input: NoticeInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<Uint8Array>(),
  },
  /** The printed notice went out: « famille avisée » par courrier, the first time only; journaled. */
  'schoolLife.noticePrinted': {
    input: NoticeInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<SchoolLifeEvent>(),
  },
  /** The month's watch as a spreadsheet (CSV), half-days listed. */
  'schoolLife.watchCsv': { input: WatchInput, access: SCHOOL_LIFE_KEEPERS, output: out<string>() },
  /** « Signalé à la DSDEN le … » for one pupil of the month's watch; returns the watch. */
  'schoolLife.reportToDsden': {
    input: DsdenReportInput,
    access: SCHOOL_LIFE_KEEPERS,
    output: out<AbsenteeismWatchRow[]>(),
  },
} as const satisfies Record<string, CallSpec<StaffRole>>;
