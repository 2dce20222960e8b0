import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import type { IsoDate, IsoInstant } from '../fields';
import type { AccountKind } from '../../domain/accounts';
import type { SchoolLifeEventKind } from '../../domain/vieScolaire/eventKinds';
import type { WeekRow } from '../../domain/vieScolaire/weeks';
import type { PortalChild } from './view';

const FAMILY: readonly AccountKind[] = ['guardian', 'student'];
/**
 * Only a responsable justifies an absence (SPEC §6: « a guardian can justify an absence
 * online »): an élève's own account reads its absences but does not excuse them.
 */
const GUARDIAN: readonly AccountKind[] = ['guardian'];

const positiveId = (message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).positive({ error: message });

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const JUSTIFICATION_COMMENT_MAX = 500;

export type JustificationStatus = 'pending' | 'accepted' | 'refused';

export const JUSTIFICATION_STATUS_LABELS: Record<JustificationStatus, string> = {
  pending: 'En attente de la vie scolaire',
  accepted: 'Acceptée',
  refused: 'Refusée',
};

/** A justification as the family sees it: what they sent, and the CPE's answer. */
export interface FamilyJustification {
  status: JustificationStatus;
  motif: string;
  comment: string;
  submittedAt: IsoInstant;
  decidedAt: IsoInstant | null;
  decisionComment: string;
}

/** One event the publication rule lets the family see on `asOf`. */
export interface FamilySchoolLifeEvent {
  id: number;
  kind: SchoolLifeEventKind;
  kindLabel: string;
  startsAt: IsoInstant;
  endsAt: IsoInstant;
  /** A retard's minutes. */
  minutes: number | null;
  /** An absence's half-days, derived from its start and end. */
  halfDays: number;
  /** Null when there is none, or when it is « confidentiel » (never published). */
  motif: string | null;
  justified: boolean;
  /** A sanction's name (R511-13), with « avec sursis jusqu’au 30/06/2027 » when so (R511-13-1). */
  sanction: string | null;
  justification: FamilyJustification | null;
  /** An absence not justified, with no request waiting: a responsable may justify it. */
  justifiable: boolean;
}

/** The « Vie scolaire » page for one child (seed 000 « Les Absences », SPEC §6). */
export interface FamilySchoolLifeView {
  asOf: IsoDate;
  children: PortalChild[];
  child: PortalChild;
  /** A responsable's account (and not the staff preview): the justification form shows. */
  mayJustify: boolean;
  /** 'YYYY-MM', the month shown. */
  month: string;
  /** The months one may choose, latest first. */
  months: string[];
  /** « Numéro semaine | Du | Au | Nombre de demi-journées », latest week first. */
  weeks: WeekRow[];
  /** The month's visible events, latest first. */
  events: FamilySchoolLifeEvent[];
  /** The motifs the school opens to families (for the justification form). */
  motifs: { id: number; label: string }[];
}

export const SchoolLifePageInput = z.object({
  child: positiveId('Enfant inconnu.').optional(),
  month: z.string().regex(MONTH_PATTERN, { error: 'Mois : AAAA-MM.' }).optional(),
});

export const JustifyAbsenceInput = z.object({
  child: positiveId('Enfant inconnu.'),
  event: positiveId('Absence inconnue.'),
  motif: positiveId('Motif : choisissez-en un dans la liste.'),
  comment: z
    .string({ error: 'Commentaire : texte attendu.' })
    .trim()
    .max(JUSTIFICATION_COMMENT_MAX, {
      error: `Commentaire : ${JUSTIFICATION_COMMENT_MAX} caractères au plus.`,
    })
    .default(''),
});

export const schoolLifeFamilyCalls = {
  'portal.schoolLife': {
    input: SchoolLifePageInput,
    access: FAMILY,
    output: out<FamilySchoolLifeView>(),
  },
  'portal.justifyAbsence': {
    input: JustifyAbsenceInput,
    access: GUARDIAN,
    output: out<null>(),
  },
} as const satisfies Record<string, CallSpec<AccountKind>>;
