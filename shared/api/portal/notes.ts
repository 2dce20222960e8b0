import { z } from 'zod';
import { out, type CallSpec } from '../contract';
import type { IsoDate, IsoInstant } from '../fields';
import type { AccountKind } from '../../domain/accounts';
import type { AverageView, GeneralAverageView } from '../../domain/grades/explainAverage';
import type { Viewer } from '../../domain/publication/viewer';
import type { PortalChild } from './view';

const FAMILY: readonly AccountKind[] = ['guardian', 'student'];

const positiveId = (message: string) =>
  z.coerce.number({ error: message }).int({ error: message }).positive({ error: message });

export const NotesInput = z.object({
  child: positiveId('Enfant inconnu.').optional(),
  period: positiveId('Période inconnue.').optional(),
});

/** A period of the chooser (« Trimestre 1 »). */
export interface NotesPeriod {
  id: number;
  label: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  /**
   * Marks of this period new since the previous login: the home tile counts the whole year,
   * so a late mark of an earlier period is found by its period's button (« T1 · 1 nouvelle »).
   */
  newCount: number;
}

/** One line of a subject's table (seed 000: « Date | Note | Moyenne | Min | Max | Coeff. »). */
export interface NotesMark {
  assessmentId: number;
  day: IsoDate;
  label: string;
  /** « 16,50 », « 8,00/16 », « Abs », « Disp », « NN »; « — » for a mark since cleared. */
  mark: string;
  /** The class's average, lowest and highest on the assessment's own scale; « — » without. */
  classAverage: string;
  lowest: string;
  highest: string;
  coefficient: string;
  optional: boolean;
  /** Published since the account's previous login (seed 003: the orange tiles). */
  isNew: boolean;
  /** Changed after this viewer could see it (« modifiée le … »). */
  modifiedAt: IsoInstant | null;
  /** Cleared after this viewer could see it (« effacée le … »). */
  cleared: boolean;
}

export interface NotesSubject {
  /** The subject's six-digit code. */
  code: string;
  label: string;
  /** The teachers of the child's services in the subject, « M. DUPONT ». */
  teachers: string[];
  /** How many of the period's marks are new since the previous login. */
  newCount: number;
  marks: NotesMark[];
  average: AverageView;
  /** The subject's coefficient in the child's division (« 1 » unless the school set one). */
  coefficient: string;
}

/** The family notes page for one child and one period, as `viewer` sees it on `asOf`. */
export interface NotesView {
  asOf: IsoDate;
  viewer: Viewer;
  accountKind: AccountKind;
  children: PortalChild[];
  child: PortalChild;
  periods: NotesPeriod[];
  /** Null when the school has no period for the child's level yet. */
  period: NotesPeriod | null;
  subjects: NotesSubject[];
  general: GeneralAverageView;
  /** New marks in the period, all subjects together. */
  newCount: number;
}

export const notesCalls = {
  'portal.notes': { input: NotesInput, access: FAMILY, output: out<NotesView>() },
} as const satisfies Record<string, CallSpec<AccountKind>>;
