import type { z } from 'zod';
import type { RosterInput } from '../../../shared/api/staff';
import { ApiFailure } from '../../../shared/api/result';
import { slashDate } from '../../../shared/domain/frenchDates';
import { PRESENT_SQL } from '../../../shared/domain/leaving';
import { formatPhone } from '../../../shared/domain/phone';
import type { Regime } from '../../../shared/domain/school';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GuardianEntity,
  SchoolEntity,
  SchoolYearEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import type { GuardianRow, StudentRow } from '../../db/entities/rows';
import type { LetterFonts } from '../../pdf/fonts';
import { renderRosterPdf, type RosterData, type RosterGuardian } from '../../pdf/rosterList';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { csvDocument } from '../csv';
import { whereInGroup } from './groupFilter';
import { labelsOf, regimeLabelOf, relationshipLabelOf } from '../school/nomenclatureLabels';

type Input = z.output<typeof RosterInput>;

const CSV_HEADER = [
  'Nom',
  'Prénom',
  'Date de naissance',
  'Régime',
  'Responsable 1',
  'Téléphones responsable 1',
  'Responsable 2',
  'Téléphones responsable 2',
  'Division',
];

function phonesOf(g: GuardianRow): string[] {
  return (
    [
      [g.phoneMobile, 'portable'],
      [g.phoneHome, 'domicile'],
      [g.phoneWork, 'travail'],
    ] as const
  )
    .filter(([number]) => number.trim() !== '')
    .map(([number, label]) => `${formatPhone(number)} (${label})`);
}

/**
 * A division's or a group's list for the secretariat (CSV and PDF). It holds children's
 * personal data: the contract limits it to the office, each export is written to the journal
 * (which division, how many pupils: never a name), and nothing of it goes to a log.
 */
export function createRosterService({
  db,
  clock,
  fonts,
}: {
  db: Database;
  clock: Clock;
  fonts: () => Promise<LetterFonts>;
}) {
  async function studentsOf(
    actor: StaffActor,
    input: Input,
  ): Promise<{
    title: string;
    subtitle: string;
    students: StudentRow[];
    divisionCodes: Map<number, string>;
  }> {
    const year = await db.manager
      .getRepository(SchoolYearEntity)
      .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
    const students = db.manager
      .getRepository(StudentEntity)
      .createQueryBuilder('s')
      .where('s.schoolId = :schoolId', { schoolId: actor.schoolId })
      // A pupil who « part le … » a later day is still here (shared/domain/leaving.ts).
      .andWhere(PRESENT_SQL('s'), { today: parisToday(clock) })
      .orderBy('s.searchLast', 'ASC')
      .addOrderBy('s.searchFirst', 'ASC')
      .addOrderBy('s.id', 'ASC');
    const yearLabel = year ? `année ${year.label}` : '';
    const divisionCodes = new Map(
      (year
        ? await db.manager.getRepository(DivisionEntity).findBy({ schoolYearId: year.id })
        : []
      ).map((d) => [d.id, d.code]),
    );
    if (input.divisionId !== undefined) {
      const division = year
        ? await db.manager
            .getRepository(DivisionEntity)
            .findOneBy({ id: input.divisionId, schoolYearId: year.id })
        : null;
      if (!division) throw new ApiFailure('not_found', 'Division introuvable.');
      return {
        title: `Division ${division.code}`,
        subtitle: [division.label !== division.code ? division.label : '', yearLabel]
          .filter(Boolean)
          .join(', '),
        students: await students
          .andWhere('s.divisionId = :divisionId', { divisionId: division.id })
          .getMany(),
        divisionCodes,
      };
    }
    const group = (input.group ?? '').trim();
    const members = await whereInGroup(students, group).getMany();
    if (members.length === 0) throw new ApiFailure('not_found', 'Groupe introuvable.');
    return { title: `Groupe ${group}`, subtitle: yearLabel, students: members, divisionCodes };
  }

  async function roster(actor: StaffActor, input: Input): Promise<RosterData> {
    const { title, subtitle, students, divisionCodes } = await studentsOf(actor, input);
    const school = await db.manager
      .getRepository(SchoolEntity)
      .findOneByOrFail({ id: actor.schoolId });
    const regimes = await labelsOf(db.manager, actor.schoolId, 'REGIMES');
    const relationships = await labelsOf(db.manager, actor.schoolId, 'LIENS_PARENTE');
    const guardians = await guardiansOf(
      students.map((s) => s.id),
      relationships,
    );
    return {
      schoolName: school.name,
      title,
      subtitle,
      printedOn: parisToday(clock),
      showsDivision: input.divisionId === undefined,
      entries: students.map((s) => ({
        lastName: s.lastName,
        firstName: s.firstName,
        birthDate: s.birthDate,
        regime: regimeLabelOf(regimes, s.regime as Regime, s.regimeCode),
        divisionCode: s.divisionId === null ? null : (divisionCodes.get(s.divisionId) ?? null),
        guardians: guardians.get(s.id) ?? [],
      })),
    };
  }

  /** The légal guardians first (légal 1, légal 2), then the others, each with their phones. */
  async function guardiansOf(
    studentIds: number[],
    relationships: Map<string, string>,
  ): Promise<Map<number, RosterGuardian[]>> {
    const result = new Map<number, RosterGuardian[]>();
    for (let i = 0; i < studentIds.length; i += 500) {
      const ids = studentIds.slice(i, i + 500);
      const links = await db.manager
        .getRepository(StudentGuardianEntity)
        .createQueryBuilder('sg')
        .where('sg.studentId IN (:...ids)', { ids })
        .getMany();
      const rows = await db.manager
        .getRepository(GuardianEntity)
        .findBy(links.map((l) => ({ id: l.guardianId })));
      const byId = new Map(rows.map((g) => [g.id, g]));
      const ranked = [...links].sort(
        (a, b) =>
          (a.legalRank ?? 9) - (b.legalRank ?? 9) || a.responsibilityLevel - b.responsibilityLevel,
      );
      for (const link of ranked) {
        const g = byId.get(link.guardianId);
        if (!g) continue;
        const name = [g.civility, g.lastName.toLocaleUpperCase('fr-FR'), g.firstName]
          .filter(Boolean)
          .join(' ');
        const relationship = relationshipLabelOf(relationships, link.relationship);
        result.set(link.studentId, [
          ...(result.get(link.studentId) ?? []),
          {
            name: relationship ? `${name} (${relationship.toLocaleLowerCase('fr-FR')})` : name,
            phones: phonesOf(g),
          },
        ]);
      }
    }
    return result;
  }

  async function audit(actor: StaffActor, data: RosterData, format: 'csv' | 'pdf', input: Input) {
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'roster.export',
        targetType: input.divisionId !== undefined ? 'division' : 'group',
        targetId: input.divisionId ?? input.group ?? '',
        targetLabel: data.title,
        details: { format, élèves: data.entries.length },
      }),
    );
  }

  async function csv(actor: StaffActor, input: Input): Promise<string> {
    const data = await roster(actor, input);
    await audit(actor, data, 'csv', input);
    return csvDocument(
      CSV_HEADER,
      data.entries.map((e) => {
        const [first, second] = e.guardians;
        return [
          e.lastName,
          e.firstName,
          e.birthDate ? slashDate(e.birthDate) : '',
          e.regime,
          first?.name ?? '',
          first?.phones.join(', ') ?? '',
          second?.name ?? '',
          second?.phones.join(', ') ?? '',
          e.divisionCode ?? '',
        ];
      }),
    );
  }

  async function pdf(actor: StaffActor, input: Input): Promise<Uint8Array> {
    const data = await roster(actor, input);
    const bytes = await renderRosterPdf(data, await fonts());
    await audit(actor, data, 'pdf', input);
    return new Uint8Array(bytes);
  }

  return { csv, pdf };
}

export type RosterService = ReturnType<typeof createRosterService>;
