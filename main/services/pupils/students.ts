import type { z } from 'zod';
import type { StudentSearchInput } from '../../../shared/api/staff';
import { ApiFailure } from '../../../shared/api/result';
import type {
  DivisionSummary,
  GroupSummary,
  GuardianLink,
  StudentDetail,
  StudentListItem,
  StudentSearchResult,
} from '../../../shared/api/staff';
import { leavingDates, PRESENT_SQL } from '../../../shared/domain/leaving';
import { compactFold, matchesAllTokens, searchTokens } from '../../../shared/domain/normalize';
import type { RelationshipCode, ResponsibilityLevel } from '../../../shared/domain/relationship';
import { LEVELS, type Level, type Regime } from '../../../shared/domain/school';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GuardianEntity,
  SchoolYearEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import type { StudentRow } from '../../db/entities/rows';
import { seesContactDetails, seesGuardians } from '../../../shared/domain/access';
import { parisToday } from '../calendar';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { addressOf } from '../../db/rowHelpers';
import { followedAddressOf } from './followedAddress';
import { countGroups, groupsOf, whereInGroup } from './groupFilter';
import { labelsOf, regimeLabelOf, relationshipLabelOf } from '../school/nomenclatureLabels';

interface ListRow {
  id: number;
  ine: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  divisionId: number | null;
  divisionCode: string | null;
  leftOn: string | null;
  sex: string;
}

const toListItem = (r: ListRow, today: string): StudentListItem => ({
  id: Number(r.id),
  ine: r.ine,
  lastName: r.lastName,
  firstName: r.firstName,
  birthDate: r.birthDate,
  divisionId: r.divisionId === null ? null : Number(r.divisionId),
  divisionCode: r.divisionCode,
  ...leavingDates(r.leftOn, today),
  sex: r.sex === 'F' ? 'F' : 'M',
});

export function createStudentService({ db, clock }: { db: Database; clock: Clock }) {
  function listQuery(schoolId: number) {
    return db.manager
      .getRepository(StudentEntity)
      .createQueryBuilder('s')
      .leftJoin(DivisionEntity.options.name, 'd', 'd.id = s.divisionId')
      .select([
        's.id AS "id"',
        's.ine AS "ine"',
        's.lastName AS "lastName"',
        's.firstName AS "firstName"',
        's.birthDate AS "birthDate"',
        's.divisionId AS "divisionId"',
        'd.code AS "divisionCode"',
        's.leftOn AS "leftOn"',
        's.sex AS "sex"',
      ])
      .where('s.schoolId = :schoolId', { schoolId })
      .orderBy('s.searchLast', 'ASC')
      .addOrderBy('s.searchFirst', 'ASC')
      .addOrderBy('s.id', 'ASC');
  }

  /**
   * Name (words' prefixes, apostrophes and spaces folded both ways), INE prefix or, for the
   * roles that may see guardians, a guardian's name: a teacher must not find a pupil through a
   * parent they cannot see. A division code (« 5B ») lists that division. SQL keeps the rows
   * whose spaceless name holds the first word; the exact rule is checked on those few rows.
   */
  async function search(
    actor: StaffActor,
    input: z.output<typeof StudentSearchInput>,
  ): Promise<StudentSearchResult> {
    const tokens = searchTokens(input.query);
    const today = parisToday(clock);
    const toItem = (r: ListRow) => toListItem(r, today);
    const qb = listQuery(actor.schoolId);
    const division =
      input.divisionId === undefined && !input.withoutDivision && input.group === undefined
        ? await divisionNamed(actor, input.query)
        : undefined;
    if (input.withoutDivision) qb.andWhere('s.divisionId IS NULL');
    else if (division) qb.andWhere('s.divisionId = :divisionId', { divisionId: division.id });
    else if (input.divisionId !== undefined)
      qb.andWhere('s.divisionId = :divisionId', { divisionId: input.divisionId });
    if (input.group !== undefined) whereInGroup(qb, input.group);
    if (!input.includeLeft) qb.andWhere(PRESENT_SQL('s'), { today });

    const [first] = tokens;
    if (first === undefined || division) {
      const rows: ListRow[] = await qb.limit(input.limit + 1).getRawMany();
      return {
        items: rows.slice(0, input.limit).map(toItem),
        truncated: rows.length > input.limit,
        ...(division ? { division } : {}),
      };
    }

    const byGuardian = seesGuardians(actor.role);
    const guardianClause = byGuardian
      ? `OR s.id IN (SELECT sg.student_id FROM student_guardian sg
                    JOIN guardian g ON g.id = sg.guardian_id
                    WHERE g.school_id = :schoolId
                      AND REPLACE(g.search_last || g.search_first, ' ', '') LIKE :anywhere)`
      : '';
    qb.andWhere(
      `(REPLACE(s.searchLast || s.searchFirst, ' ', '') LIKE :anywhere
        OR s.ine LIKE :inePrefix
        ${guardianClause})`,
      { anywhere: `%${first}%`, inePrefix: `${first.toUpperCase()}%` },
    );

    const candidates: ListRow[] = await qb.getRawMany();
    const byOwnName = (c: ListRow) =>
      matchesAllTokens(tokens, `${c.lastName} ${c.firstName} ${c.ine}`);
    const guardianNames = byGuardian
      ? await guardianNamesOf(candidates.filter((c) => !byOwnName(c)).map((c) => Number(c.id)))
      : new Map<number, string[]>();
    const matching = candidates.filter(
      (c) =>
        byOwnName(c) ||
        (guardianNames.get(Number(c.id)) ?? []).some((name) => matchesAllTokens(tokens, name)),
    );
    return {
      items: matching.slice(0, input.limit).map(toItem),
      truncated: matching.length > input.limit,
    };
  }

  /** The current year's division whose code the whole query is (« 5b », « 5 B »), if any. */
  async function divisionNamed(
    actor: StaffActor,
    query: string,
  ): Promise<{ id: number; code: string } | undefined> {
    const wanted = compactFold(query);
    // A division's code holds at most 30 characters (« 5B », « 2NDE1 »): a longer query is a
    // name, and need not cost a look at the divisions.
    if (wanted === '' || wanted.length > 30) return undefined;
    const year = await db.manager
      .getRepository(SchoolYearEntity)
      .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
    if (!year) return undefined;
    const codes = await db.manager
      .getRepository(DivisionEntity)
      .find({ select: { id: true, code: true }, where: { schoolYearId: year.id } });
    const found = codes.find((d) => compactFold(d.code) === wanted);
    return found ? { id: found.id, code: found.code } : undefined;
  }

  async function guardianNamesOf(studentIds: number[]): Promise<Map<number, string[]>> {
    const names = new Map<number, string[]>();
    if (studentIds.length === 0) return names;
    const rows: { studentId: number; lastName: string; firstName: string }[] = await db.manager
      .getRepository(StudentGuardianEntity)
      .createQueryBuilder('sg')
      .innerJoin(GuardianEntity.options.name, 'g', 'g.id = sg.guardianId')
      .select([
        'sg.studentId AS "studentId"',
        'g.lastName AS "lastName"',
        'g.firstName AS "firstName"',
      ])
      .where('sg.studentId IN (:...ids)', { ids: studentIds })
      .getRawMany();
    for (const r of rows) {
      const id = Number(r.studentId);
      names.set(id, [...(names.get(id) ?? []), `${r.lastName} ${r.firstName}`]);
    }
    return names;
  }

  async function get(actor: StaffActor, id: number): Promise<StudentDetail> {
    const s: StudentRow | null = await db.manager
      .getRepository(StudentEntity)
      .findOneBy({ id, schoolId: actor.schoolId });
    if (!s) throw new ApiFailure('not_found', 'Élève introuvable.');
    const division = s.divisionId
      ? await db.manager.getRepository(DivisionEntity).findOneBy({ id: s.divisionId })
      : null;
    const mayseeGuardians = seesGuardians(actor.role);
    const mayseeContact = seesContactDetails(actor.role);
    return {
      ...toListItem({ ...s, divisionCode: division?.code ?? null }, parisToday(clock)),
      firstName2: s.firstName2,
      firstName3: s.firstName3,
      sex: s.sex === 'F' ? 'F' : 'M',
      birthCommune: s.birthCommune,
      birthDepartment: s.birthDepartment,
      birthCountry: s.birthCountry,
      regime: s.regime as Regime,
      regimeLabel: regimeLabelOf(
        await labelsOf(db.manager, actor.schoolId, 'REGIMES'),
        s.regime as Regime,
        s.regimeCode,
      ),
      groups: await groupsOf(db.manager, s.id),
      // A pupil's address is usually a guardian's: teachers see neither (SPEC §2).
      ...(mayseeContact
        ? {
            address: addressOf(s),
            addressSameAsGuardian1: s.addressSameAsGuardian1,
            followedAddress: await followedAddressOf(db, s),
            phoneHome: s.phoneHome,
            phoneMobile: s.phoneMobile,
            email: s.email,
          }
        : {
            address: { line1: '', line2: '', postalCode: '', city: '', country: '' },
            addressSameAsGuardian1: false,
            followedAddress: null,
            phoneHome: '',
            phoneMobile: '',
            email: '',
          }),
      guardians: mayseeGuardians ? await guardiansOf(actor.schoolId, s.id) : [],
      guardiansHidden: !mayseeGuardians,
      contactHidden: !mayseeContact,
    };
  }

  async function guardiansOf(schoolId: number, studentId: number): Promise<GuardianLink[]> {
    const relationshipLabels = await labelsOf(db.manager, schoolId, 'LIENS_PARENTE');
    const rows = await db.manager
      .getRepository(StudentGuardianEntity)
      .createQueryBuilder('sg')
      .innerJoin(GuardianEntity.options.name, 'g', 'g.id = sg.guardianId')
      .select([
        'g.id AS "guardianId"',
        'g.civility AS "civility"',
        'g.lastName AS "lastName"',
        'g.firstName AS "firstName"',
        'sg.relationship AS "relationship"',
        'sg.legalRank AS "legalRank"',
        'sg.responsibilityLevel AS "responsibilityLevel"',
        'g.email AS "email"',
        'g.phoneHome AS "phoneHome"',
        'g.phoneWork AS "phoneWork"',
        'g.phoneMobile AS "phoneMobile"',
      ])
      .where('sg.studentId = :studentId', { studentId })
      .getRawMany<Record<string, string | number | null>>();
    return rows
      .map((r) => ({
        guardianId: Number(r.guardianId),
        civility: String(r.civility),
        lastName: String(r.lastName),
        firstName: String(r.firstName),
        relationship: String(r.relationship) as RelationshipCode,
        relationshipLabel: relationshipLabelOf(relationshipLabels, String(r.relationship)),
        legalRank: r.legalRank === null ? null : (Number(r.legalRank) as 1 | 2),
        responsibilityLevel: Number(r.responsibilityLevel) as ResponsibilityLevel,
        email: String(r.email),
        phoneHome: String(r.phoneHome),
        phoneWork: String(r.phoneWork),
        phoneMobile: String(r.phoneMobile),
      }))
      .sort(
        (a, b) =>
          (a.legalRank ?? 9) - (b.legalRank ?? 9) || a.responsibilityLevel - b.responsibilityLevel,
      );
  }

  async function divisions(actor: StaffActor): Promise<DivisionSummary[]> {
    const year = await db.manager
      .getRepository(SchoolYearEntity)
      .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
    if (!year) return [];
    const rows = await db.manager
      .getRepository(DivisionEntity)
      .createQueryBuilder('d')
      .leftJoin(StudentEntity.options.name, 's', `s.divisionId = d.id AND ${PRESENT_SQL('s')}`, {
        today: parisToday(clock),
      })
      .select(['d.id AS "id"', 'd.code AS "code"', 'd.label AS "label"', 'd.level AS "level"'])
      .addSelect('COUNT(s.id)', 'studentCount')
      .where('d.schoolYearId = :yearId', { yearId: year.id })
      .groupBy('d.id')
      .addGroupBy('d.code')
      .addGroupBy('d.label')
      .addGroupBy('d.level')
      .getRawMany<{
        id: number;
        code: string;
        label: string;
        level: string;
        studentCount: number;
      }>();
    const rank = (level: Level | null) => (level === null ? LEVELS.length : LEVELS.indexOf(level));
    return rows
      .map((r) => ({
        id: Number(r.id),
        code: r.code,
        label: r.label,
        // '' (or anything Pupitre does not know) is an unknown level, never a guessed one.
        level: (LEVELS as readonly string[]).includes(r.level) ? (r.level as Level) : null,
        studentCount: Number(r.studentCount),
      }))
      .sort(
        (a, b) =>
          rank(a.level) - rank(b.level) || a.code.localeCompare(b.code, 'fr', { numeric: true }),
      );
  }

  async function groups(actor: StaffActor): Promise<GroupSummary[]> {
    return countGroups(
      db.manager
        .getRepository(StudentEntity)
        .createQueryBuilder('s')
        .where('s.schoolId = :schoolId', { schoolId: actor.schoolId })
        // A pupil who « part le … » a later day is still here (shared/domain/leaving.ts).
        .andWhere(PRESENT_SQL('s'), { today: parisToday(clock) }),
    );
  }

  return { search, get, divisions, groups };
}

export type StudentService = ReturnType<typeof createStudentService>;
