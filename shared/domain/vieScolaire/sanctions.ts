/**
 * The six disciplinary sanctions of Code de l'éducation, article R511-13 (as amended by
 * décret n° 2019-906 du 30 août 2019, art. 7), and the day each leaves the pupil's
 * administrative record.
 *
 * R511-13 I: « 1° L'avertissement ; 2° Le blâme ; 3° La mesure de responsabilisation ;
 * 4° L'exclusion temporaire de la classe […] ; 5° L'exclusion temporaire de l'établissement ou
 * de l'un de ses services annexes […] ; 6° L'exclusion définitive de l'établissement ou de l'un
 * de ses services annexes. Les sanctions prévues aux 3° à 6° peuvent être assorties du sursis
 * à leur exécution dont les modalités sont définies à l'article R. 511-13-1. »
 *
 * R511-13 IV (décret 2019-906): « L'avertissement est effacé du dossier administratif de
 * l'élève à l'issue de l'année scolaire. Le blâme et la mesure de responsabilisation sont
 * effacés du dossier administratif de l'élève à l'issue de l'année scolaire suivant celle au
 * cours de laquelle ils ont été prononcés. Les sanctions d'exclusion temporaire de la classe,
 * de l'établissement ou de l'un de ses services annexes sont effacées du dossier administratif
 * de l'élève à l'issue de la deuxième année scolaire suivant celle au cours de laquelle elles
 * ont été prononcées. » The exclusion définitive has no such day, and it alone stays; every
 * other sanction also leaves the record « au terme de sa scolarité dans le second degré », if
 * that comes first (sanctionErasedOn).
 *
 * The wording of IV was checked against the ministry's presentation of the decree (« blâme et
 * mesure de responsabilisation : effacement à l'issue de l'année scolaire suivante ; exclusion
 * temporaire […] : effacement à l'issue de la deuxième année scolaire ») and the académie
 * d'Amiens' note of 31 August 2019; the pre-2019 rule (everything after one year) is void.
 */
import { slashDate } from '../frenchDates';
import { addDays, type IsoDay } from '../publication/parisDays';

export const SANCTIONS = {
  warning: { rank: 1, label: 'Avertissement', suspensionAllowed: false, schoolYearsKept: 0 },
  reprimand: { rank: 2, label: 'Blâme', suspensionAllowed: false, schoolYearsKept: 1 },
  responsibilityMeasure: {
    rank: 3,
    label: 'Mesure de responsabilisation',
    suspensionAllowed: true,
    schoolYearsKept: 1,
  },
  classExclusion: {
    rank: 4,
    label: 'Exclusion temporaire de la classe',
    suspensionAllowed: true,
    schoolYearsKept: 2,
  },
  temporaryExclusion: {
    rank: 5,
    label: 'Exclusion temporaire de l’établissement ou de l’un de ses services annexes',
    suspensionAllowed: true,
    schoolYearsKept: 2,
  },
  permanentExclusion: {
    rank: 6,
    label: 'Exclusion définitive de l’établissement ou de l’un de ses services annexes',
    suspensionAllowed: true,
    schoolYearsKept: null,
  },
} as const satisfies Record<
  string,
  { rank: number; label: string; suspensionAllowed: boolean; schoolYearsKept: number | null }
>;

export type SanctionKind = keyof typeof SANCTIONS;
/** In R511-13's order, lightest first. */
export const SANCTION_KINDS = Object.keys(SANCTIONS) as SanctionKind[];

/** The administrative end of the school year, 'MM-DD': 31 August unless the school says otherwise. */
export const DEFAULT_SCHOOL_YEAR_END = '08-31';

export type SanctionErasure =
  | {
      /** The last day of the school year at whose end (« à l'issue de ») it is erased. */
      keptUntil: IsoDay;
      /** The first day it is no longer in the record: the day after `keptUntil`. */
      erasedOn: IsoDay;
    }
  | { keptUntil: null; erasedOn: null; atEndOfSecondarySchooling: true };

/** The end of the school year that holds `day`: the first `schoolYearEnd` on or after it. */
export function endOfSchoolYear(
  day: IsoDay,
  schoolYearEnd: string = DEFAULT_SCHOOL_YEAR_END,
): IsoDay {
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(schoolYearEnd) || schoolYearEnd === '02-29') {
    throw new RangeError(`Fin d’année scolaire illisible : ${schoolYearEnd}`);
  }
  const year = Number(day.slice(0, 4));
  const sameYear = `${year}-${schoolYearEnd}`;
  return day <= sameYear ? sameYear : `${year + 1}-${schoolYearEnd}`;
}

/** When a sanction pronounced on `pronouncedOn` leaves the pupil's administrative record. */
export function sanctionErasure(
  kind: SanctionKind,
  pronouncedOn: IsoDay,
  schoolYearEnd: string = DEFAULT_SCHOOL_YEAR_END,
): SanctionErasure {
  if (!Object.hasOwn(SANCTIONS, kind)) throw new RangeError(`Sanction inconnue : ${kind}`);
  const kept = SANCTIONS[kind].schoolYearsKept;
  if (kept === null) return { keptUntil: null, erasedOn: null, atEndOfSecondarySchooling: true };
  const end = endOfSchoolYear(pronouncedOn, schoolYearEnd);
  const keptUntil = `${Number(end.slice(0, 4)) + kept}${end.slice(4)}`;
  return { keptUntil, erasedOn: addDays(keptUntil, 1) };
}

/** Whether the sanction is already out of the record on Paris day `today`. */
export function isSanctionErased(
  kind: SanctionKind,
  pronouncedOn: IsoDay,
  today: IsoDay,
  schoolYearEnd: string = DEFAULT_SCHOOL_YEAR_END,
): boolean {
  const { erasedOn } = sanctionErasure(kind, pronouncedOn, schoolYearEnd);
  return erasedOn !== null && today >= erasedOn;
}

/**
 * The day the pupil's schooling in the second degree ended, as far as the school can tell:
 * the day they left it (« sorti le », SIECLE's DATE_SORTIE) from a terminale, the last year
 * of the lycée. A pupil leaving a 3e or a seconde goes on elsewhere, and the school is not
 * told when that ends: their sanctions keep their yearly days. A pupil leaving a terminale
 * in the year may still repeat it elsewhere; the school has no better sign, and erasing early
 * errs on the pupil's side.
 */
export function endOfSecondarySchooling(pupil: {
  leftOn: IsoDay | null;
  level: string | null;
}): IsoDay | null {
  return pupil.level === 'Tle' ? pupil.leftOn : null;
}

/**
 * The day a sanction leaves the record: its yearly day (R511-13 IV), or sooner the end of the
 * pupil's secondary schooling, when every sanction but the exclusion définitive is erased
 * « au terme de sa scolarité dans le second degré ». Null for the exclusion définitive.
 */
export function sanctionErasedOn(
  kind: SanctionKind,
  pronouncedOn: IsoDay,
  secondaryEndedOn: IsoDay | null,
  schoolYearEnd: string = DEFAULT_SCHOOL_YEAR_END,
): IsoDay | null {
  const { erasedOn } = sanctionErasure(kind, pronouncedOn, schoolYearEnd);
  if (erasedOn === null || secondaryEndedOn === null) return erasedOn;
  return secondaryEndedOn < erasedOn ? secondaryEndedOn : erasedOn;
}

/**
 * How long a sursis may be revoked (R511-13-1, décret 2019-906): the authority sets it, « qui
 * ne peut être inférieure à l'année scolaire en cours » nor longer than the sanction stays in
 * the record (R511-13 IV); for the exclusion définitive, which stays, at most to the end of the
 * second school year after the one it was pronounced in. Null for a sanction without sursis.
 */
export function suspensionRevocableBounds(
  kind: SanctionKind,
  pronouncedOn: IsoDay,
  schoolYearEnd: string = DEFAULT_SCHOOL_YEAR_END,
): { earliest: IsoDay; latest: IsoDay } | null {
  if (!Object.hasOwn(SANCTIONS, kind) || !SANCTIONS[kind].suspensionAllowed) return null;
  const earliest = endOfSchoolYear(pronouncedOn, schoolYearEnd);
  const { keptUntil } = sanctionErasure(kind, pronouncedOn, schoolYearEnd);
  const latest = keptUntil ?? `${Number(earliest.slice(0, 4)) + 2}${earliest.slice(4)}`;
  return { earliest, latest };
}

/** The French reason a « sursis révocable jusqu’au » day is out of bounds, or null. */
export function suspensionRevocableProblem(
  kind: SanctionKind,
  pronouncedOn: IsoDay,
  until: IsoDay,
  schoolYearEnd: string = DEFAULT_SCHOOL_YEAR_END,
): string | null {
  const bounds = suspensionRevocableBounds(kind, pronouncedOn, schoolYearEnd);
  if (!bounds) return 'Sursis : pour la mesure de responsabilisation et les exclusions seulement.';
  if (until < bounds.earliest) {
    return `Sursis révocable jusqu’au : au moins la fin de l’année scolaire en cours, le ${slashDate(bounds.earliest)} (R511-13-1).`;
  }
  if (until > bounds.latest) {
    return `Sursis révocable jusqu’au : au plus tard le ${slashDate(bounds.latest)}, ${SANCTIONS[kind].schoolYearsKept === null ? 'fin de la deuxième année scolaire suivante' : 'jour où la sanction quitte le dossier'} (R511-13-1).`;
  }
  return null;
}
