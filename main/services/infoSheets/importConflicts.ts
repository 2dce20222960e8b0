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
        c.field in update.values &&
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
