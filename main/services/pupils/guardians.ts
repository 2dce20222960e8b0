import { ApiFailure } from '../../../shared/api/result';
import type { GuardianChild, GuardianDetail, GuardianListItem } from '../../../shared/api/staff';
import type { RelationshipCode, ResponsibilityLevel } from '../../../shared/domain/relationship';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GuardianEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import type { StaffActor } from '../context';
import { addressOf } from '../../db/rowHelpers';
import { labelsOf, relationshipLabelOf } from '../school/nomenclatureLabels';
import { hasLeft, PRESENT_SQL } from '../../../shared/domain/leaving';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';

export function createGuardianService({ db, clock }: { db: Database; clock: Clock }) {
  async function get(actor: StaffActor, id: number): Promise<GuardianDetail> {
    const g = await db.manager
      .getRepository(GuardianEntity)
      .findOneBy({ id, schoolId: actor.schoolId });
    if (!g) throw new ApiFailure('not_found', 'Responsable introuvable.');
    const children = await db.manager
      .getRepository(StudentGuardianEntity)
      .createQueryBuilder('sg')
      .innerJoin(StudentEntity.options.name, 's', 's.id = sg.studentId')
      .leftJoin(DivisionEntity.options.name, 'd', 'd.id = s.divisionId')
      .select([
        's.id AS "studentId"',
        's.lastName AS "lastName"',
        's.firstName AS "firstName"',
        's.birthDate AS "birthDate"',
        's.ine AS "ine"',
        'd.code AS "divisionCode"',
        'sg.relationship AS "relationship"',
        'sg.legalRank AS "legalRank"',
        'sg.responsibilityLevel AS "responsibilityLevel"',
        's.leftOn AS "leftOn"',
        's.sex AS "sex"',
      ])
      .where('sg.guardianId = :id', { id })
      .orderBy('s.birthDate', 'ASC')
      .getRawMany<Record<string, string | number | null>>();
    const relationshipLabels = await labelsOf(db.manager, actor.schoolId, 'LIENS_PARENTE');
    return {
      id: g.id,
      civility: g.civility,
      lastName: g.lastName,
      firstName: g.firstName,
      profession: g.profession,
      address: addressOf(g),
      sharesAddress: g.sharesAddress,
      phoneHome: g.phoneHome,
      phoneWork: g.phoneWork,
      phoneMobile: g.phoneMobile,
      acceptsSms: g.acceptsSms,
      email: g.email,
      children: children.map((c): GuardianChild => ({
        studentId: Number(c.studentId),
        lastName: String(c.lastName),
        firstName: String(c.firstName),
        birthDate: c.birthDate === null ? null : String(c.birthDate),
        ine: String(c.ine),
        divisionCode: c.divisionCode === null ? null : String(c.divisionCode),
        relationship: String(c.relationship) as RelationshipCode,
        relationshipLabel: relationshipLabelOf(relationshipLabels, String(c.relationship)),
        legalRank: c.legalRank === null ? null : (Number(c.legalRank) as 1 | 2),
        responsibilityLevel: Number(c.responsibilityLevel) as ResponsibilityLevel,
        // A child leaving on a later day is still there (shared/domain/leaving.ts).
        leftOn:
          c.leftOn != null && hasLeft(String(c.leftOn), parisToday(clock))
            ? String(c.leftOn)
            : null,
        sex: c.sex === 'F' ? 'F' : 'M',
      })),
    };
  }

  /**
   * Every guardian of the school (or those without an e-mail address), by name, with the
   * pupils still at school they are linked to: what the dashboard's counters open.
   */
  async function list(actor: StaffActor, withoutEmail: boolean): Promise<GuardianListItem[]> {
    const guardians = await db.manager.getRepository(GuardianEntity).find({
      where: { schoolId: actor.schoolId, ...(withoutEmail ? { email: '' } : {}) },
      order: { searchLast: 'ASC', searchFirst: 'ASC', id: 'ASC' },
    });
    const links = await db.manager
      .getRepository(StudentGuardianEntity)
      .createQueryBuilder('sg')
      .innerJoin(StudentEntity.options.name, 's', 's.id = sg.studentId')
      .leftJoin(DivisionEntity.options.name, 'd', 'd.id = s.divisionId')
      .select([
        'sg.guardianId AS "guardianId"',
        's.id AS "studentId"',
        's.lastName AS "lastName"',
        's.firstName AS "firstName"',
        'd.code AS "divisionCode"',
      ])
      .where('s.schoolId = :schoolId', { schoolId: actor.schoolId })
      // A pupil who « part le … » a later day is still here (shared/domain/leaving.ts).
      .andWhere(PRESENT_SQL('s'), { today: parisToday(clock) })
      .orderBy('s.birthDate', 'ASC')
      .getRawMany<Record<string, string | number | null>>();
    const children = new Map<number, GuardianListItem['children']>();
    for (const l of links) {
      const id = Number(l.guardianId);
      children.set(id, [
        ...(children.get(id) ?? []),
        {
          studentId: Number(l.studentId),
          lastName: String(l.lastName),
          firstName: String(l.firstName),
          divisionCode: l.divisionCode === null ? null : String(l.divisionCode),
        },
      ]);
    }
    return guardians.map((g) => ({
      id: g.id,
      civility: g.civility,
      lastName: g.lastName,
      firstName: g.firstName,
      email: g.email,
      phoneMobile: g.phoneMobile,
      phoneHome: g.phoneHome,
      children: children.get(g.id) ?? [],
    }));
  }

  return { get, list };
}

export type GuardianService = ReturnType<typeof createGuardianService>;
