/**
 * The span a roll covers (issue 17 §2): a half-day (from the start of the school day to the
 * midday boundary, or from it to the end of the school day) or an hour of a timetable, in
 * Paris wall-clock time whatever the machine's zone. Its key names the roll so that saving
 * the same roll again corrects it instead of adding to it.
 */
import { TZDate } from '@date-fns/tz';
import { frenchClockWords, SCHOOL_TIME_ZONE, type IsoDay } from '../publication/parisDays';
import {
  HALF_DAY_PART_LABELS,
  isSchoolHalfDay,
  type HalfDayPart,
  type HalfDaySettings,
} from './halfDays';

/** The school day's bounds for a half-day roll; the midday boundary is the school's setting. */
export const SCHOOL_DAY_START = '08:00';
export const SCHOOL_DAY_END = '18:00';

export type RollSlot =
  { kind: 'halfDay'; part: HalfDayPart } | { kind: 'hour'; from: string; to: string };

/** The hours a roll may be taken for: each hour of the school day, « 8 h – 9 h » to « 17 h – 18 h ». */
export const ROLL_HOURS: { from: string; to: string }[] = Array.from(
  { length: Number(SCHOOL_DAY_END.slice(0, 2)) - Number(SCHOOL_DAY_START.slice(0, 2)) },
  (_, i) => {
    const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const start = Number(SCHOOL_DAY_START.slice(0, 2)) + i;
    return { from: hour(start), to: hour(start + 1) };
  },
);

/**
 * The roll's hours for a school whose afternoon starts at `middayBoundary` ('HH:MM'): the hour
 * holding a boundary off the hour is cut there (« 12 h – 12 h 30 », « 12 h 30 – 13 h »), so
 * that an absence at one slot never counts both a morning and an afternoon.
 */
export function rollHours(middayBoundary: string): { from: string; to: string }[] {
  return ROLL_HOURS.flatMap((hour) =>
    hour.from < middayBoundary && middayBoundary < hour.to
      ? [
          { from: hour.from, to: middayBoundary },
          { from: middayBoundary, to: hour.to },
        ]
      : [hour],
  );
}

/** Whether an hour slot runs over the midday boundary (it would count two half-days). */
export function crossesMidday(slot: RollSlot, middayBoundary: string): boolean {
  return slot.kind === 'hour' && slot.from < middayBoundary && middayBoundary < slot.to;
}

/** Whether an hour slot lies within the school day ('HH:MM' strings compare as times). */
export function withinSchoolDay(slot: { from: string; to: string }): boolean {
  return slot.from >= SCHOOL_DAY_START && slot.to <= SCHOOL_DAY_END && slot.from < slot.to;
}

/** « Matin », « 8 h – 9 h », « 10 h 30 – 11 h 25 ». */
export function rollSlotLabel(slot: RollSlot): string {
  if (slot.kind === 'halfDay') {
    const label = HALF_DAY_PART_LABELS[slot.part];
    return label.charAt(0).toUpperCase() + label.slice(1);
  }
  return `${frenchClockWords(slot.from)} – ${frenchClockWords(slot.to)}`;
}

export interface RollStructure {
  kind: 'division' | 'group';
  code: string;
}

export function parisInstantAt(day: IsoDay, time: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, date, hours, minutes, SCHOOL_TIME_ZONE).getTime());
}

export function rollSpan(
  day: IsoDay,
  slot: RollSlot,
  middayBoundary: string,
): { start: Date; end: Date } {
  if (slot.kind === 'hour') {
    return { start: parisInstantAt(day, slot.from), end: parisInstantAt(day, slot.to) };
  }
  return slot.part === 'morning'
    ? { start: parisInstantAt(day, SCHOOL_DAY_START), end: parisInstantAt(day, middayBoundary) }
    : { start: parisInstantAt(day, middayBoundary), end: parisInstantAt(day, SCHOOL_DAY_END) };
}

/** « division:4A|2026-11-23|morning », « group:4LAT1|2026-11-23|10:00-11:00 ». */
export function rollKey(structure: RollStructure, day: IsoDay, slot: RollSlot): string {
  const part = slot.kind === 'halfDay' ? slot.part : `${slot.from}-${slot.to}`;
  return `${structure.kind}:${structure.code}|${day}|${part}`;
}

/**
 * Why a roll may not be taken on `day`, in French, or null: a roll records what happened, so
 * not a day still to come, nor a day without school (Sunday, a holiday of the settings), whose
 * absences would count no half-day.
 */
export function rollDayProblem(
  day: IsoDay,
  today: IsoDay,
  settings: HalfDaySettings,
): string | null {
  if (day > today) return 'Jour : l’appel se fait le jour même ou après, pas à l’avance.';
  const parts: HalfDayPart[] = ['morning', 'afternoon'];
  if (!parts.some((part) => isSchoolHalfDay({ day, part }, settings))) {
    return 'Jour : pas de cours ce jour-là (dimanche, vacances ou fermeture dans les réglages).';
  }
  return null;
}
