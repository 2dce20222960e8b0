import { In, LessThan, MoreThan, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ApiFailure } from '../../../shared/api/result';
import type {
  RollHour,
  RollOpenInput,
  RollSaveInput,
  RollSheet,
  RollStatus,
} from '../../../shared/api/staff';
import { PRESENT_SQL } from '../../../shared/domain/leaving';
import {
  SCHOOL_LIFE_EVENT_KINDS,
  type SchoolLifeEventKind,
} from '../../../shared/domain/vieScolaire/eventKinds';
import { frenchClockWords } from '../../../shared/domain/publication/parisDays';
import {
  crossesMidday,
  rollHours,
  rollDayProblem,
  rollKey,
  rollSpan,
  type RollSlot,
} from '../../../shared/domain/vieScolaire/rollSlots';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  SchoolLifeEventEntity,
  SchoolYearEntity,
  StudentEntity,
} from '../../db/entities';
import type { SchoolLifeEventRow } from '../../db/entities/schoolLife';
import type { StudentRow } from '../../db/entities/rows';

/** What a roll shows of a pupil: reading the other thirty columns doubled a roll's cost. */
type RollPupil = Pick<StudentRow, 'id' | 'lastName' | 'firstName' | 'divisionId'>;
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { whereInGroup } from '../pupils/groupFilter';
import { servicesVisibleTo } from '../teaching/teachingServices';
import type { HalfDaySettings } from '../../../shared/domain/vieScolaire/halfDays';
import { halfDaySettingsOf } from './settings';

type OpenInput = z.output<typeof RollOpenInput>;
type SaveInput = z.output<typeof RollSaveInput>;

/** What already keeps a pupil out of the room: shown on the roll, not recorded again. */
const COVERING_KINDS: SchoolLifeEventKind[] = ['absence', 'exemption', 'internship', 'outing'];

/** How the roll names what keeps a pupil out: an absence already justified says so. */
function coverOf(event: SchoolLifeEventRow): NonNullable<RollSheet['pupils'][number]['coveredBy']> {
  const kind = event.kind as SchoolLifeEventKind;
  const label = SCHOOL_LIFE_EVENT_KINDS[kind].label;
  return { kind, label: kind === 'absence' && event.justified ? `${label} justifiée` : label };
}

/**
 * A teacher takes the roll of the divisions and groups they teach (their own services);
 * the CPE and direction of any; the secrétariat only reads it.
 */
async function assertMayTakeRoll(m: EntityManager, actor: StaffActor, input: OpenInput) {
  if (actor.role !== 'teacher') return;
  const own = (await servicesVisibleTo(m, actor)).filter(
    (s) =>
      s.teacher.id === actor.userId &&
      s.structureKind === input.structure.kind &&
      s.structureCode === input.structure.code,
  );
  if (own.length === 0) {
    throw new ApiFailure(
      'forbidden',
      'Vous ne faites l’appel que dans les divisions et groupes où vous enseignez.',
    );
  }
}

/** A day to come or without school is refused, in French, field by field. */
function assertRollDay(day: string, clock: Clock, settings: HalfDaySettings) {
  const problem = rollDayProblem(day, parisToday(clock), settings);
  if (problem) throw new ApiFailure('invalid_input', problem, { day: problem });
}

/** An hour over the midday boundary would count a morning and an afternoon: refused, in French. */
function assertWithinHalfDay(slot: RollSlot, middayBoundary: string) {
  if (!crossesMidday(slot, middayBoundary) || slot.kind !== 'hour') return;
  const [from, midday, to] = [slot.from, middayBoundary, slot.to].map(frenchClockWords);
  throw new ApiFailure(
    'invalid_input',
    `L’après-midi commence à ${midday} dans l’établissement : faites l’appel de ${from} à ${midday}, puis de ${midday} à ${to}.`,
    { slot: 'Ce créneau chevauche l’heure de midi.' },
  );
}

async function pupilsOf(
  m: EntityManager,
  actor: StaffActor,
  input: OpenInput,
): Promise<{ title: string; students: RollPupil[]; divisionCodes: Map<number, string> }> {
  const year = await m
    .getRepository(SchoolYearEntity)
    .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
  const { kind, code } = input.structure;
  // A division's roll needs its own division only, not the year's eighty.
  const divisions = year
    ? await m
        .getRepository(DivisionEntity)
        .findBy(kind === 'division' ? { schoolYearId: year.id, code } : { schoolYearId: year.id })
    : [];
  const divisionCodes = new Map(divisions.map((d) => [d.id, d.code]));
  const students = m
    .getRepository(StudentEntity)
    .createQueryBuilder('s')
    .select(['s.id', 's.lastName', 's.firstName', 's.divisionId'])
    .where('s.schoolId = :schoolId', { schoolId: actor.schoolId })
    .andWhere(PRESENT_SQL('s'), { today: input.day })
    .orderBy('s.searchLast', 'ASC')
    .addOrderBy('s.searchFirst', 'ASC')
    .addOrderBy('s.id', 'ASC');
  if (kind === 'division') {
    const division = divisions.find((d) => d.code === code);
    if (!division) throw new ApiFailure('not_found', 'Division introuvable.');
    return {
      title: `Division ${code}`,
      students: await students.andWhere('s.divisionId = :id', { id: division.id }).getMany(),
      divisionCodes,
    };
  }
  const members = await whereInGroup(students, code).getMany();
  if (members.length === 0) throw new ApiFailure('not_found', 'Groupe introuvable.');
  return { title: `Groupe ${code}`, students: members, divisionCodes };
}

async function overlapping(
  m: EntityManager,
  schoolId: number,
  studentIds: number[],
  span: { start: Date; end: Date },
): Promise<SchoolLifeEventRow[]> {
  if (studentIds.length === 0) return [];
  return m.getRepository(SchoolLifeEventEntity).find({
    where: {
      schoolId,
      studentId: In(studentIds),
      startsAt: LessThan(span.end.toISOString()),
      endsAt: MoreThan(span.start.toISOString()),
    },
    order: { id: 'ASC' },
  });
}

/**
 * The pupils an excused (justified) absence recorded elsewhere covers over the whole span: the
 * roll's « Absence » for them would count the same time twice.
 */
async function excusedOver(
  m: EntityManager,
  schoolId: number,
  students: RollPupil[],
  span: { start: Date; end: Date },
  key: string,
): Promise<Set<number>> {
  if (students.length === 0) return new Set();
  // Only the justified absences that overlap: one narrow read, the roll's save stays quick.
  const events = await m.getRepository(SchoolLifeEventEntity).find({
    select: { studentId: true, startsAt: true, endsAt: true, rollKey: true },
    where: {
      schoolId,
      kind: 'absence',
      justified: true,
      studentId: In(students.map((s) => s.id)),
      startsAt: LessThan(span.end.toISOString()),
      endsAt: MoreThan(span.start.toISOString()),
    },
  });
  return new Set(
    events
      .filter(
        (e) =>
          e.rollKey !== key &&
          new Date(e.startsAt).getTime() <= span.start.getTime() &&
          new Date(e.endsAt).getTime() >= span.end.getTime(),
      )
      .map((e) => e.studentId),
  );
}

/**
 * The roll (issue 17 §2): a division's or a group's pupils for a half-day or an hour, present
 * by default. Saving it records the absences and retards in one transaction; the same slot
 * saved again corrects its own rows (the unique roll key per pupil forbids a duplicate).
 */
export function createRollService({ db, clock }: { db: Database; clock: Clock }) {
  async function sheet(
    m: EntityManager,
    actor: StaffActor,
    input: OpenInput,
    // The save has just read the settings and the pupils in its transaction: not read twice.
    known?: {
      span: { start: Date; end: Date };
      pupils: Awaited<ReturnType<typeof pupilsOf>>;
    },
  ): Promise<RollSheet> {
    let span = known?.span;
    if (!span) {
      const settings = await halfDaySettingsOf(m, actor.schoolId);
      assertRollDay(input.day, clock, settings);
      assertWithinHalfDay(input.slot, settings.middayBoundary);
      span = rollSpan(input.day, input.slot, settings.middayBoundary);
    }
    const key = rollKey(input.structure, input.day, input.slot);
    const { title, students, divisionCodes } = known?.pupils ?? (await pupilsOf(m, actor, input));
    const events = await overlapping(
      m,
      actor.schoolId,
      students.map((s) => s.id),
      span,
    );
    const ofRoll = new Map(events.filter((e) => e.rollKey === key).map((e) => [e.studentId, e]));
    return {
      title,
      day: input.day,
      startsAt: span.start.toISOString(),
      endsAt: span.end.toISOString(),
      saved: ofRoll.size > 0,
      pupils: students.map((s) => {
        const own = ofRoll.get(s.id);
        const cover = events.find(
          (e) =>
            e.studentId === s.id &&
            e.rollKey !== key &&
            COVERING_KINDS.includes(e.kind as SchoolLifeEventKind),
        );
        const status: RollStatus = !own ? 'present' : own.kind === 'lateness' ? 'late' : 'absent';
        return {
          studentId: s.id,
          lastName: s.lastName,
          firstName: s.firstName,
          divisionCode: s.divisionId === null ? '' : (divisionCodes.get(s.divisionId) ?? ''),
          status,
          minutes: own?.kind === 'lateness' ? own.minutes : null,
          coveredBy: cover ? coverOf(cover) : null,
        };
      }),
    };
  }

  async function open(actor: StaffActor, input: OpenInput): Promise<RollSheet> {
    await assertMayTakeRoll(db.manager, actor, input);
    return sheet(db.manager, actor, input);
  }

  async function save(actor: StaffActor, input: SaveInput): Promise<RollSheet> {
    // Outside the transaction: servicesVisibleTo asks several queries at once.
    await assertMayTakeRoll(db.manager, actor, input);
    return db.transaction(async (m) => {
      const settings = await halfDaySettingsOf(m, actor.schoolId);
      assertRollDay(input.day, clock, settings);
      assertWithinHalfDay(input.slot, settings.middayBoundary);
      const span = rollSpan(input.day, input.slot, settings.middayBoundary);
      const key = rollKey(input.structure, input.day, input.slot);
      const pupils = await pupilsOf(m, actor, input);
      const { title, students } = pupils;
      const inRoll = new Set(students.map((s) => s.id));
      const stranger = input.entries.find((e) => !inRoll.has(e.studentId));
      if (stranger) {
        throw new ApiFailure('invalid_input', `Un élève ne fait pas partie de : ${title}.`, {
          entries: 'Élève hors de la liste d’appel.',
        });
      }
      const repo = m.getRepository(SchoolLifeEventEntity);
      const excused = await excusedOver(m, actor.schoolId, students, span, key);
      const previous = new Map(
        (await repo.findBy({ schoolId: actor.schoolId, rollKey: key })).map((e) => [
          e.studentId,
          e,
        ]),
      );
      // What the vie scolaire already processed or justified is theirs: a roll saved again (a
      // teacher's correction, days later) may not remove or change it behind their back.
      const touched = [...previous.values()].filter((before) => {
        const entry = input.entries.find((e) => e.studentId === before.studentId);
        if (!entry) return true;
        const late = entry.status === 'late';
        return (
          before.kind !== (late ? 'lateness' : 'absence') ||
          before.minutes !== (late ? (entry.minutes ?? 0) : null)
        );
      });
      // An absence the family was told about is part of what they were told: kept as well.
      const handled = touched.filter(
        (before) => before.processed || before.justified || before.familyNotifiedAt !== null,
      );
      if (handled.length > 0) {
        throw new ApiFailure(
          'conflict',
          handled.length === 1
            ? 'Un élève de cet appel a déjà été traité par la vie scolaire ou sa famille en a été avisée : son absence ou son retard ne peut plus être retiré ni changé depuis l’appel. Signalez la correction à la vie scolaire.'
            : `${handled.length} élèves de cet appel ont déjà été traités par la vie scolaire ou leurs familles en ont été avisées : leurs absences ou retards ne peuvent plus être retirés ni changés depuis l’appel. Signalez la correction à la vie scolaire.`,
        );
      }
      const counts = { absences: 0, retards: 0, corrigés: 0, retirés: 0, couverts: 0 };
      const now = clock.now().toISOString();
      // One INSERT for the whole roll: a row at a time through TypeORM cost more than the rest.
      const inserts: Omit<SchoolLifeEventRow, 'id'>[] = [];
      for (const entry of input.entries) {
        const late = entry.status === 'late';
        // Already absent, excused, over the whole slot: the roll shows it and records nothing.
        if (!late && excused.has(entry.studentId) && !previous.has(entry.studentId)) {
          counts.couverts += 1;
          continue;
        }
        const minutes = late ? (entry.minutes ?? 0) : null;
        const fields = {
          kind: late ? 'lateness' : 'absence',
          startsAt: span.start.toISOString(),
          endsAt: late
            ? new Date(span.start.getTime() + (minutes ?? 0) * 60_000).toISOString()
            : span.end.toISOString(),
          minutes,
        };
        if (late) counts.retards += 1;
        else counts.absences += 1;
        const before = previous.get(entry.studentId);
        previous.delete(entry.studentId);
        if (!before) {
          inserts.push({
            schoolId: actor.schoolId,
            studentId: entry.studentId,
            ...fields,
            motifId: null,
            justified: false,
            publishableOnline: false,
            familyNotifiedAt: null,
            familyNotifiedBy: null,
            sanctionKind: null,
            suspended: false,
            suspendedUntil: null,
            comment: '',
            rollKey: key,
            recordedBy: actor.userId,
            recordedAt: now,
            updatedAt: null,
            processed: false,
            version: 1,
          });
        } else if (
          before.kind !== fields.kind ||
          before.minutes !== fields.minutes ||
          before.endsAt !== fields.endsAt
        ) {
          counts.corrigés += 1;
          await repo.update(
            { id: before.id },
            { ...fields, updatedAt: now, version: before.version + 1 },
          );
        }
      }
      if (inserts.length > 0) await repo.insert(inserts);
      // Pupils marked absent or late before and present now: the correction removes them.
      if (previous.size > 0) {
        counts.retirés = previous.size;
        await repo.delete({ id: In([...previous.values()].map((e) => e.id)) });
      }
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'roll.save',
        targetType: 'roll',
        // The key can outgrow the journal's target column: it goes in the details.
        targetId: input.structure.code,
        targetLabel: title,
        details: {
          appel: key,
          du: span.start.toISOString(),
          au: span.end.toISOString(),
          ...counts,
        },
      });
      return sheet(m, actor, input, { span, pupils });
    });
  }

  /** The hours a roll may be taken for, cut at the school's midday boundary. */
  async function hours(actor: StaffActor): Promise<RollHour[]> {
    return rollHours((await halfDaySettingsOf(db.manager, actor.schoolId)).middayBoundary);
  }

  return { open, save, hours };
}
