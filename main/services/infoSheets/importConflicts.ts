import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import {
  fieldLabel,
  type InfoSheetField,
  type InfoSheetRecordKind,
} from '../../../shared/domain/infoSheet/fields';
import { validateInfoSheet } from '../../../shared/domain/infoSheet/validate';
import { GuardianEntity, StudentEntity } from '../../db/entities';
import { InfoSheetChangeEntity, InfoSheetRequestEntity } from '../../db/entities/infoSheets';
import type { InfoSheetRequestRow } from '../../db/entities/infoSheets';

type Values = Record<string, unknown>;

/** A SIECLE value as the fiche's form would write it (« 0611112222 » → « 06 11 11 22 22 »). */
function asTyped(kind: InfoSheetRecordKind, field: string, raw: unknown): string {
  const text = typeof raw === 'boolean' ? (raw ? '1' : '0') : String(raw ?? '');
  return (
    validateInfoSheet(kind, { [field]: text }, { today: '9999-12-31' }).values[
      field as InfoSheetField
    ] ?? text
  );
}

/**
 * Issue 18 §2: an import that brings, for a field a family changed and the school has not
 * reviewed yet, a value other than the family's says so in its preview (a warning, never a
 * block): the secretariat decides knowing that SIECLE now says something else.
 */
export async function pendingInfoSheetWarnings(
  m: EntityManager,
  schoolId: number,
  updates: {
    students: { id: number; values: Values }[];
    guardians: { id: number; values: Values }[];
  },
): Promise<string[]> {
  const requests = await m
    .getRepository(InfoSheetRequestEntity)
    .findBy({ schoolId, status: 'pending' });
  if (requests.length === 0) return [];
  const changes = await m
    .getRepository(InfoSheetChangeEntity)
    .findBy({ requestId: In(requests.map((r) => r.id)) });
  const warnings: string[] = [];
  for (const r of requests) {
    const kind: InfoSheetRecordKind = r.guardianId === null ? 'student' : 'guardian';
    const update =
      kind === 'student'
        ? updates.students.find((u) => u.id === r.studentId)
        : updates.guardians.find((u) => u.id === r.guardianId);
    if (!update) continue;
    const clashing = changes.filter(
      (c) =>
        c.requestId === r.id &&
        Object.hasOwn(update.values, c.field) &&
        asTyped(kind, c.field, update.values[c.field]) !== c.newValue,
    );
    if (clashing.length === 0) continue;
    const who =
      kind === 'student'
        ? await m.getRepository(StudentEntity).findOneBy({ id: r.studentId })
        : await m.getRepository(GuardianEntity).findOneBy({ id: r.guardianId! });
    const name = who ? `${who.lastName.toUpperCase()} ${who.firstName}` : '';
    const fields = clashing.map((c) => fieldLabel(kind, c.field)).join(', ');
    warnings.push(
      `Fiche de renseignements de ${name} : SIECLE apporte ${clashing.length > 1 ? 'd’autres valeurs' : 'une autre valeur'} (${fields}) que la modification de la famille qui attend votre décision. Revoyez-la après l’import.`,
    );
  }
  return warnings;
}

const nameOf = (who: { lastName: string; firstName: string } | null) =>
  who ? `${who.lastName.toUpperCase()} ${who.firstName}` : '';

/** « de DUPONT Léa » for the pupil's record, « de Mme DUPONT Anne (responsable de DUPONT Léa) ». */
async function whoseRecord(m: EntityManager, r: InfoSheetRequestRow): Promise<string> {
  const pupil = nameOf(await m.getRepository(StudentEntity).findOneBy({ id: r.studentId }));
  if (r.guardianId === null) return pupil;
  const guardian = await m.getRepository(GuardianEntity).findOneBy({ id: r.guardianId });
  const civility = guardian?.civility ? `${guardian.civility} ` : '';
  return `${civility}${nameOf(guardian)} (responsable de ${pupil})`;
}

/**
 * Issue 18 §3: a change the school accepted goes back to SIECLE only with the next export,
 * once BEE has read it. An import taken before that brings SIECLE's older value and would
 * overwrite the accepted one, which the next export would then send back as it stands. The
 * preview says so, one warning per record and field, with both values (never a block: the
 * secretariat may have corrected SIECLE by hand since).
 */
export async function unexportedInfoSheetWarnings(
  m: EntityManager,
  schoolId: number,
  updates: {
    students: { id: number; values: Values }[];
    guardians: { id: number; values: Values }[];
  },
): Promise<string[]> {
  const accepted = await m
    .getRepository(InfoSheetChangeEntity)
    .createQueryBuilder('c')
    .innerJoin(InfoSheetRequestEntity.options.name, 'r', 'r.id = c.requestId')
    .where('r.schoolId = :schoolId', { schoolId })
    .andWhere('c.status = :accepted', { accepted: 'accepted' })
    .andWhere('c.exportId IS NULL')
    .orderBy('c.id', 'ASC')
    .getMany();
  if (accepted.length === 0) return [];
  const requests = new Map(
    (
      await m
        .getRepository(InfoSheetRequestEntity)
        .findBy({ id: In([...new Set(accepted.map((c) => c.requestId))]) })
    ).map((r) => [r.id, r]),
  );
  // The last accepted value of each record's field is the one the school holds.
  const latest = new Map<string, { request: InfoSheetRequestRow; field: string; value: string }>();
  for (const c of accepted) {
    const request = requests.get(c.requestId)!;
    const record = request.guardianId === null ? `s${request.studentId}` : `g${request.guardianId}`;
    latest.set(`${record}:${c.field}`, { request, field: c.field, value: c.newValue });
  }
  const warnings: string[] = [];
  for (const { request, field, value } of latest.values()) {
    const kind: InfoSheetRecordKind = request.guardianId === null ? 'student' : 'guardian';
    const update =
      kind === 'student'
        ? updates.students.find((u) => u.id === request.studentId)
        : updates.guardians.find((u) => u.id === request.guardianId);
    if (!update || !Object.hasOwn(update.values, field)) continue;
    const incoming = asTyped(kind, field, update.values[field]);
    if (incoming === value) continue;
    const shown = (v: string) => (v === '' ? '(vide)' : `« ${v} »`);
    warnings.push(
      `Fiche de renseignements de ${await whoseRecord(m, request)}, ${fieldLabel(kind, field)} : SIECLE apporte ${shown(incoming)} et remplacerait ${shown(value)}, acceptée mais pas encore envoyée à SIECLE. Préparez l’export vers SIECLE et faites-le lire par BEE avant cet import, ou corrigez la valeur après.`,
    );
  }
  return warnings;
}
