import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { InfoSheetRecordView, InfoSheetView } from '../../../shared/api/portal';
import {
  fieldLabel,
  fieldsOf,
  STUDENT_LOCKED_FIELDS,
  type InfoSheetField,
  type InfoSheetRecordKind,
} from '../../../shared/domain/infoSheet/fields';
import { PROFESSIONS } from '../../../shared/domain/infoSheet/professions';
import { guardianRoleLabel, RELATIONSHIPS } from '../../../shared/domain/relationship';
import type { Database } from '../../db/database';
import {
  GuardianEntity,
  SchoolEntity,
  StudentEntity,
  StudentGuardianEntity,
} from '../../db/entities';
import { addressOf } from '../../db/rowHelpers';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import { InfoSheetChangeEntity, InfoSheetRequestEntity } from '../../db/entities/infoSheets';
import type { FamilyActor } from '../portal/familyActor';
import { labelsOf, regimeLabelOf } from '../school/nomenclatureLabels';
import type { Regime } from '../../../shared/domain/school';
import { codeLists, currentValues, shownValue, type RecordRef } from './records';
import { guardiansOfAccount, requireRecordOf } from './scope';
import { openKeyOf, WAITING_FROM_OTHER } from './submit';

const oneLine = (a: ReturnType<typeof addressOf>) =>
  [a.line1, a.line2, `${a.postalCode} ${a.city}`.trim(), a.country].filter(Boolean).join(', ');

/**
 * The fiche as a family reads it (seed 000 « La fiche de renseignements »): the pupil's
 * record and the guardian records of this account for this child, each field with the
 * value waiting for review, what may not be changed with its reason, and whether another
 * guardian's change blocks a submission now. What the form and its « en attente » show.
 */
export async function familyInfoSheet(
  db: Database,
  // The staff preview reads it for an account without a session: only these two are used.
  actor: Pick<FamilyActor, 'accountId' | 'schoolId'>,
  child: number,
): Promise<InfoSheetView> {
  const m = db.manager;
  await requireRecordOf(m, actor.accountId, child, null);
  const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: actor.schoolId });
  const mine = await guardiansOfAccount(m, actor.accountId);
  const holder = await m.getRepository(FamilyAccountEntity).findOneBy({ id: actor.accountId });
  const links = await m
    .getRepository(StudentGuardianEntity)
    .find({ where: { studentId: child, guardianId: In(mine) }, order: { legalRank: 'ASC' } });
  const lists = await codeLists(m, actor.schoolId);
  const refs: RecordRef[] = [
    { studentId: child, guardianId: null },
    ...links.map((l) => ({ studentId: child, guardianId: l.guardianId })),
  ];
  const records: InfoSheetRecordView[] = [];
  for (const ref of refs) {
    const kind: InfoSheetRecordKind = ref.guardianId === null ? 'student' : 'guardian';
    const current = await currentValues(m, actor.schoolId, ref);
    if (!current) continue;
    const waiting = await pendingOf(m, ref);
    const link = links.find((l) => l.guardianId === ref.guardianId);
    const guardian =
      ref.guardianId === null
        ? null
        : await m.getRepository(GuardianEntity).findOneBy({ id: ref.guardianId });
    records.push({
      record: kind,
      guardianId: ref.guardianId,
      holderOwn: ref.guardianId !== null && ref.guardianId === holder?.guardianId,
      label:
        kind === 'student'
          ? 'Élève'
          : guardianRoleLabel(
              link?.legalRank === 1 || link?.legalRank === 2 ? link.legalRank : null,
              1,
              guardian?.civility ?? '',
            ),
      fields: fieldsOf(kind).map((f: InfoSheetField) => ({
        field: f,
        label: fieldLabel(kind, f),
        value: current[f] ?? '',
        shown: shownValue(f, current[f] ?? '', lists),
        // Another guardian's waiting values are theirs: this account is told only that one waits.
        pending: waiting.accountId === actor.accountId ? (waiting.changes.get(f) ?? null) : null,
        ...choicesOf(f, lists),
      })),
      locked: kind === 'student' ? await lockedOf(m, actor.schoolId, child) : [],
      blockedBecause:
        waiting.accountId !== undefined && waiting.accountId !== actor.accountId
          ? WAITING_FROM_OTHER[kind]
          : null,
    });
  }
  return {
    open: school.openedServices.split(',').includes('fiche_renseignements'),
    child,
    records,
  };
}

const asChoices = (entries: Iterable<[string, string]>) =>
  [...entries].map(([value, label]) => ({ value, label }));

/** The options a form offers for a coded field: the school's Nomenclature, else the ministry's. */
function choicesOf(field: InfoSheetField, lists: Awaited<ReturnType<typeof codeLists>>) {
  const pick = (school: Map<string, string>, fallback: Record<string, string>) =>
    asChoices(school.size > 0 ? school : Object.entries(fallback));
  if (field === 'professionCode') return { choices: pick(lists.professions, PROFESSIONS) };
  if (field === 'relationship') return { choices: pick(lists.relationships, RELATIONSHIPS) };
  if (field === 'civility')
    return {
      choices: asChoices([
        ['M.', 'Monsieur'],
        ['Mme', 'Madame'],
      ]),
    };
  if (field === 'sex')
    return {
      choices: asChoices([
        ['F', 'Féminin'],
        ['M', 'Masculin'],
      ]),
    };
  if (field === 'sharesAddress' || field === 'acceptsSms')
    return {
      choices: asChoices([
        ['1', 'Oui'],
        ['0', 'Non'],
      ]),
    };
  return {};
}

async function pendingOf(m: EntityManager, ref: RecordRef) {
  const request = await m
    .getRepository(InfoSheetRequestEntity)
    .findOneBy({ openKey: openKeyOf(ref) });
  if (!request) return { accountId: undefined, changes: new Map<string, string>() };
  const changes = await m.getRepository(InfoSheetChangeEntity).findBy({ requestId: request.id });
  return {
    accountId: request.accountId,
    changes: new Map(changes.map((c) => [c.field as string, c.newValue])),
  };
}

async function lockedOf(m: EntityManager, schoolId: number, child: number) {
  const s = await m.getRepository(StudentEntity).findOneByOrFail({ id: child });
  const regimes = await labelsOf(m, schoolId, 'REGIMES');
  return [
    {
      field: 'regime',
      label: 'Régime',
      shown: regimeLabelOf(regimes, s.regime as Regime, s.regimeCode),
      reason: STUDENT_LOCKED_FIELDS.regime,
    },
    {
      field: 'address',
      label: 'Adresse',
      shown: s.addressSameAsGuardian1
        ? 'Identique à celle du responsable légal 1'
        : oneLine(addressOf(s)),
      reason: STUDENT_LOCKED_FIELDS.address,
    },
  ];
}
