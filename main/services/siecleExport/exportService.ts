import { resolve } from 'node:path';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type {
  InfoSheetExportFile,
  InfoSheetExportView,
  InfoSheetExportWaiting,
} from '../../../shared/api/staff';
import { ApiFailure } from '../../../shared/api/result';
import type { Database } from '../../db/database';
import {
  DivisionEntity,
  GuardianEntity,
  SchoolEntity,
  SchoolYearEntity,
  StaffUserEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import {
  InfoSheetChangeEntity,
  InfoSheetExportEntity,
  InfoSheetRequestEntity,
  type InfoSheetExportRow,
} from '../../db/entities/infoSheets';
import type { GuardianRow } from '../../db/entities/rows';
import { addressOf } from '../../db/rowHelpers';
import { writeAudit } from '../audit/audit';
import { parisToday } from '../calendar';
import { ADDRESS_FIELDS } from '../infoSheets/records';
import { isUniqueViolation } from '../infoSheets/uniqueViolation';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';
import { buildImportEleves, type ExportPerson, type ExportPupil } from './importEleves';
import { exportBaseName, packExport, unencodable } from './pack';
import { xsdErrors } from './xsd';
import { frenchXsdError } from './xsdFrench';

const DEFAULT_SCHEMA = resolve('assets/siecle/schema_Import_3.1.xsd');
/** Enough to act on, short enough to read in one message. */
const SHOWN_PROBLEMS = 8;

/** « Export refusé. » and the first problems, each naming its pupil or guardian and field. */
function refuse(problems: string[]): never {
  const more =
    problems.length > SHOWN_PROBLEMS ? ` (et ${problems.length - SHOWN_PROBLEMS} autres)` : '';
  throw new ApiFailure(
    'invalid_input',
    `Export refusé. ${problems.slice(0, SHOWN_PROBLEMS).join(' ; ')}${more}`,
  );
}

function person(g: GuardianRow): ExportPerson {
  return {
    id: g.id,
    civility: g.civility,
    lastName: g.lastName,
    firstName: g.firstName,
    address: { ...addressOf(g), countryCode: g.addressCountryCode },
    sharesAddress: g.sharesAddress,
    professionCode: g.professionCode,
    phoneHome: g.phoneHome,
    phoneWork: g.phoneWork,
    phoneMobile: g.phoneMobile,
    acceptsSms: g.acceptsSms,
    email: g.email,
  };
}

/** The pupils as SIECLE will read them back: their records now, légal 1 and 2 with theirs. */
async function exportPupils(
  m: EntityManager,
  schoolId: number,
  studentIds: number[],
): Promise<ExportPupil[]> {
  const students = await m
    .getRepository(StudentEntity)
    .find({ where: { id: In(studentIds), schoolId }, order: { id: 'ASC' } });
  const links = await m
    .getRepository(StudentGuardianEntity)
    .findBy({ studentId: In(studentIds), schoolId, legalRank: In([1, 2]) });
  const guardians = new Map(
    (await m.getRepository(GuardianEntity).findBy({ id: In(links.map((l) => l.guardianId)) })).map(
      (g) => [g.id, g],
    ),
  );
  const divisionIds = students.map((s) => s.divisionId).filter((d) => d !== null);
  const divisions = new Map(
    (await m.getRepository(DivisionEntity).findBy({ id: In(divisionIds) })).map((d) => [d.id, d]),
  );
  return students.map((s) => ({
    id: s.id,
    ine: s.ine,
    lastName: s.lastName,
    firstName: s.firstName,
    firstName2: s.firstName2,
    firstName3: s.firstName3,
    sex: s.sex,
    birthDate: s.birthDate ?? '',
    birthCountry: s.birthCountry,
    birthCommune: s.birthCommune,
    address: { ...addressOf(s), countryCode: s.addressCountryCode },
    addressSameAsGuardian1: s.addressSameAsGuardian1,
    phoneHome: s.phoneHome,
    phoneMobile: s.phoneMobile,
    email: s.email,
    regimeCode: s.regimeCode,
    mefCode: s.mefCode,
    divisionCode: (s.divisionId !== null && divisions.get(s.divisionId)?.code) || '',
    guardians: links
      .filter((l) => l.studentId === s.id && guardians.has(l.guardianId))
      .sort((a, b) => (a.legalRank ?? 0) - (b.legalRank ?? 0))
      .map((l) => ({
        rank: l.legalRank as 1 | 2,
        relationship: l.relationship,
        person: person(guardians.get(l.guardianId)!),
      })),
  }));
}

/** The changes accepted since the last export, with their pupil and record. */
function unexported(m: EntityManager, schoolId: number) {
  return m
    .getRepository(InfoSheetChangeEntity)
    .createQueryBuilder('c')
    .innerJoin(InfoSheetRequestEntity.options.name, 'r', 'r.id = c.requestId')
    .where('r.schoolId = :schoolId', { schoolId })
    .andWhere('c.status = :accepted', { accepted: 'accepted' })
    .andWhere('c.exportId IS NULL')
    .select([
      'c.id AS "id"',
      'c.field AS "field"',
      'r.studentId AS "studentId"',
      'r.guardianId AS "guardianId"',
    ])
    .getRawMany<{ id: number; field: string; studentId: number; guardianId: number | null }>();
}

/**
 * The pupils the export sends: each request's own, and the brothers and sisters whose address
 * is « identique à celle du responsable légal 1 » when légal 1's accepted move changed theirs
 * too (records.ts, followLegal1). Left out, SIECLE would keep their old address and the next
 * import would bring it back.
 */
async function pupilsToSend(
  m: EntityManager,
  schoolId: number,
  changes: Awaited<ReturnType<typeof unexported>>,
): Promise<number[]> {
  const ids = new Set(changes.map((c) => Number(c.studentId)));
  const movers = [
    ...new Set(
      changes
        .filter((c) => c.guardianId !== null && ADDRESS_FIELDS.includes(c.field))
        .map((c) => Number(c.guardianId)),
    ),
  ];
  if (movers.length > 0) {
    const links = await m
      .getRepository(StudentGuardianEntity)
      .findBy({ guardianId: In(movers), schoolId, legalRank: 1 });
    const following = await m.getRepository(StudentEntity).find({
      where: { id: In(links.map((l) => l.studentId)), schoolId, addressSameAsGuardian1: true },
      select: { id: true },
    });
    for (const s of following) ids.add(s.id);
  }
  return [...ids].sort((a, b) => a - b);
}

const view = (row: InfoSheetExportRow, createdBy: string): InfoSheetExportView => ({
  id: row.id,
  number: row.number,
  fileName: row.fileName,
  changeCount: row.changeCount,
  createdAt: row.createdAt,
  createdBy,
});

/**
 * Accepted fiche changes back to SIECLE (issue 18 §3): every change accepted since the last
 * export, through the records of the pupils concerned, in one IMPORT_ELEVES file with the
 * school's next NUM_ENVOI. Nothing is recorded unless the file is complete and valid against
 * the XSD; then the export, its changes and its zip are kept, to be downloaded again.
 */
export function createInfoSheetExport({
  db,
  clock,
  siecleSchemaPath,
}: {
  db: Database;
  clock: Clock;
  siecleSchemaPath?: string | undefined;
}) {
  const schemaPath = siecleSchemaPath ?? DEFAULT_SCHEMA;
  async function create(actor: StaffActor): Promise<InfoSheetExportView> {
    try {
      return await createOnce(actor);
    } catch (error) {
      // Another workstation took this NUM_ENVOI a moment ago: its file holds these changes.
      if (isUniqueViolation(error)) {
        throw new ApiFailure(
          'conflict',
          'Un autre export vient d’être fait depuis un autre poste : rechargez la liste des exports.',
        );
      }
      throw error;
    }
  }

  async function createOnce(actor: StaffActor): Promise<InfoSheetExportView> {
    return db.transaction(async (m) => {
      const changes = await unexported(m, actor.schoolId);
      if (changes.length === 0) {
        throw new ApiFailure('conflict', 'Aucun changement accepté depuis le dernier export.');
      }
      const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: actor.schoolId });
      const year = await m
        .getRepository(SchoolYearEntity)
        .findOneBy({ schoolId: actor.schoolId, isCurrent: true });
      if (!year) throw new ApiFailure('conflict', 'Aucune année scolaire en cours.');
      const last = await m
        .getRepository(InfoSheetExportEntity)
        .findOne({ where: { schoolId: actor.schoolId }, order: { number: 'DESC' } });
      const number = (last?.number ?? 0) + 1;
      const schoolYear = Number(year.startsOn.slice(0, 4));
      const pupils = await exportPupils(
        m,
        actor.schoolId,
        await pupilsToSend(m, actor.schoolId, changes),
      );
      const { xml, problems, places } = buildImportEleves(pupils, {
        uai: school.uai,
        schoolYear,
        today: parisToday(clock),
        schoolYearStartsOn: year.startsOn,
        number,
      });
      if (problems.length > 0) {
        refuse(problems.map((p) => `${p.who}, ${p.field} : ${p.message}`));
      }
      // Every value was checked with its field above; this catches what no field holds.
      const lost = unencodable(xml);
      if (lost.length > 0) {
        refuse([`SIECLE (ISO-8859-15) ne connaît pas ${lost.map((c) => `« ${c} »`).join(', ')}.`]);
      }
      const invalid = await xsdErrors(xml, schemaPath);
      if (invalid.length > 0) refuse(invalid.map((e) => frenchXsdError(e, places)));
      const now = clock.now();
      const base = exportBaseName(school.uai, schoolYear, now);
      const row: Omit<InfoSheetExportRow, 'id'> = {
        schoolId: actor.schoolId,
        number,
        fileName: `${base}.zip`,
        changeCount: changes.length,
        content: Buffer.from(packExport(base, xml)).toString('base64'),
        staffUserId: actor.userId,
        createdAt: now.toISOString(),
      };
      const id = Number(
        (await m.getRepository(InfoSheetExportEntity).insert(row)).identifiers[0]!.id,
      );
      await m
        .getRepository(InfoSheetChangeEntity)
        .update({ id: In(changes.map((c) => Number(c.id))) }, { exportId: id });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'infoSheet.export',
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: school.name,
        details: {
          envoi: number,
          fichier: row.fileName,
          changements: changes.length,
          élèves: pupils.length,
        },
      });
      return view({ id, ...row }, actor.displayName);
    });
  }

  async function list(actor: StaffActor): Promise<InfoSheetExportView[]> {
    const rows = await db.manager.getRepository(InfoSheetExportEntity).find({
      where: { schoolId: actor.schoolId },
      order: { number: 'DESC' },
      select: {
        id: true,
        number: true,
        fileName: true,
        changeCount: true,
        createdAt: true,
        staffUserId: true,
      },
    });
    const staffIds = [...new Set(rows.map((r) => r.staffUserId).filter((u) => u !== null))];
    const users =
      staffIds.length === 0
        ? []
        : await db.manager.getRepository(StaffUserEntity).findBy({ id: In(staffIds) });
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r) =>
      view({ ...r, content: '' }, (r.staffUserId !== null && names.get(r.staffUserId)) || ''),
    );
  }

  /** What the next export would send: shown before « Préparer l’export ». */
  async function waiting(actor: StaffActor): Promise<InfoSheetExportWaiting> {
    const changes = await unexported(db.manager, actor.schoolId);
    return {
      changeCount: changes.length,
      studentCount: (await pupilsToSend(db.manager, actor.schoolId, changes)).length,
    };
  }

  /**
   * The zip again, as it was offered, with its name. It holds pupils' and guardians' records:
   * each download is journaled, as a batch of letters is.
   */
  async function file(actor: StaffActor, id: number): Promise<InfoSheetExportFile> {
    const row = await db.manager
      .getRepository(InfoSheetExportEntity)
      .findOneBy({ id, schoolId: actor.schoolId });
    if (!row) throw new ApiFailure('not_found', 'Export introuvable.');
    await db.transaction((m) =>
      writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'infoSheet.exportDownload',
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: row.fileName,
        details: { envoi: row.number, fichier: row.fileName },
      }),
    );
    return { fileName: row.fileName, bytes: Buffer.from(row.content, 'base64') };
  }

  return { create, list, waiting, file };
}
