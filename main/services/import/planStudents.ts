import type { ImportLine } from '../../../shared/api/staff';
import { slashDate } from '../../../shared/domain/frenchDates';
import { hasLeft } from '../../../shared/domain/leaving';
import type { Level } from '../../../shared/domain/school';
import type { StudentRow } from '../../db/entities/rows';
import type { SiecleNomenclatureFile, SiecleStudent, SiecleStudentsFile } from '../siecle/types';
import { leftOnLabel } from '../../../shared/domain/agreement';
import { STUDENT_LIMITS, fitToColumns } from './columnLimits';
import { describeChanges, personLabel, pupilLabels } from './labels';
import { checkedEmail, checkNames } from './valueRules';
import { diffValues, type ImportOps, type StudentValues } from './ops';
import type { ProblemList } from './problems';
import {
  addressFromSiecle,
  countryCodeFromSiecle,
  countryFromCode,
  levelFromFormation,
  levelFromMef,
  regimeFromCode,
  sexFromCode,
} from './siecleMapping';
import type { SchoolState } from './state';

export interface StudentPreview {
  added: ImportLine[];
  left: ImportLine[];
  unplaced: ImportLine[];
  moved: ImportLine[];
  changed: ImportLine[];
  unchangedCount: number;
}

export function emptyStudentPreview(): StudentPreview {
  return { added: [], left: [], unplaced: [], moved: [], changed: [], unchangedCount: 0 };
}

const DATE_FIELD_LABELS: Record<string, string> = {
  DATE_NAISS: 'date de naissance',
  DATE_ENTREE: 'date d’entrée',
  DATE_SORTIE: 'date de sortie',
};

function valuesOf(
  s: SiecleStudent,
  file: SiecleStudentsFile,
  nomenclature: SiecleNomenclatureFile | undefined,
  /** null when no guardians file comes with the students file. */
  legal1AddressId: string | null | undefined,
  problems: ProblemList,
  label: string,
): StudentValues {
  const structure = file.structures.get(s.eleveId);
  const regimeLabel = nomenclature?.codeLists.get('REGIMES')?.get(s.regimeCode);
  let regime = regimeFromCode(s.regimeCode, regimeLabel);
  if (s.regimeCode !== '' && (regime === null || (nomenclature && regimeLabel === undefined))) {
    problems.warn(
      `${label} : code régime ${s.regimeCode} inconnu de la nomenclature.`,
      file.fileName,
      s.line,
    );
  }
  regime ??= 'externe';
  let sex = sexFromCode(s.sexCode);
  if (sex === null) {
    problems.warn(
      `${label} : code sexe « ${s.sexCode} » inconnu (1 ou 2 attendu).`,
      file.fileName,
      s.line,
    );
    sex = 'M';
  }
  for (const [field, raw] of Object.entries(s.invalidDates)) {
    problems.warn(
      `${label} : ${DATE_FIELD_LABELS[field] ?? field} impossible « ${raw} », laissée vide.`,
      file.fileName,
      s.line,
    );
  }
  if (s.mefCode && nomenclature && !nomenclature.mefs.has(s.mefCode)) {
    problems.warn(`${label} : MEF ${s.mefCode} inconnu de la nomenclature.`, file.fileName, s.line);
  }
  checkNames(
    {
      nom: s.lastName,
      prénom: s.firstName,
      'deuxième prénom': s.firstName2,
      'troisième prénom': s.firstName3,
    },
    label,
    problems,
    file.fileName,
    s.line,
  );
  const values: StudentValues = {
    ine: s.ine,
    lastName: s.lastName,
    firstName: s.firstName,
    firstName2: s.firstName2,
    firstName3: s.firstName3,
    sex,
    birthDate: s.birthDate,
    birthCommune: s.birthCity,
    birthDepartment: s.birthDepartment,
    birthCountry: countryFromCode(s.countryCode),
    regime,
    regimeCode: s.regimeCode,
    mefCode: s.mefCode,
    groups: (structure?.groups ?? []).join(','),
    phoneHome: s.phoneHome,
    phoneMobile: s.phoneMobile,
    email: checkedEmail(s.email, label, problems, file.fileName, s.line),
    leftOn: s.leftDate,
    divisionCode: structure?.divisions[0] ?? null,
  };
  const address = s.addressId ? file.addresses.get(s.addressId) : undefined;
  if (address) {
    const a = addressFromSiecle(address);
    Object.assign(values, {
      addressLine1: a.line1,
      addressLine2: a.line2,
      postalCode: a.postalCode,
      city: a.city,
      country: a.country,
      addressCountryCode: countryCodeFromSiecle(address),
    });
    // Only the guardians file says where légal 1 lives: without it, the flag is left alone.
    if (legal1AddressId !== null) values.addressSameAsGuardian1 = legal1AddressId === s.addressId;
  }
  return fitToColumns(values, STUDENT_LIMITS, label, problems, file.fileName, s.line);
}

/**
 * The level of a new division: the most common level among its students' MEF, read from
 * the nomenclature's formation when it is given (« 4EME », « 2NDE GT »), else from the
 * MEF code's structure (100… = 6e). A division none of whose pupils tells stays unknown.
 */
function divisionLevels(
  file: SiecleStudentsFile,
  byKey: Map<string, SiecleStudent>,
  nomenclature: SiecleNomenclatureFile | undefined,
): Map<string, Level> {
  const votes = new Map<string, Map<Level, number>>();
  for (const [eleveId, structure] of file.structures) {
    const mefCode = byKey.get(eleveId)?.mefCode ?? '';
    const formation = nomenclature?.mefs.get(mefCode)?.formation;
    const level = (formation && levelFromFormation(formation)) || levelFromMef(mefCode);
    const code = structure.divisions[0];
    if (!level || !code) continue;
    const tally = votes.get(code) ?? new Map<Level, number>();
    tally.set(level, (tally.get(level) ?? 0) + 1);
    votes.set(code, tally);
  }
  const result = new Map<string, Level>();
  for (const [code, tally] of votes) {
    result.set(code, [...tally.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
  }
  return result;
}

export function planStudents(
  file: SiecleStudentsFile,
  nomenclature: SiecleNomenclatureFile | undefined,
  legal1AddressIds: Map<string, string> | null,
  state: SchoolState,
  ops: ImportOps,
  problems: ProblemList,
  today: string,
): StudentPreview {
  const preview = emptyStudentPreview();
  const divisionCodeById = new Map(state.divisions.map((d) => [d.id, d.code]));
  const existingByKey = new Map<string, StudentRow>();
  for (const row of state.students) if (row.siecleId) existingByKey.set(row.siecleId, row);

  const byKey = new Map<string, SiecleStudent>();
  const byIne = new Map<string, SiecleStudent>();
  for (const s of file.students) {
    // Named only in a problem's message: thousands of pupils, a handful of problems.
    const label = () => personLabel(s.lastName, s.firstName);
    if (byKey.has(s.eleveId)) {
      problems.block(
        `${label()} : ELEVE_ID ${s.eleveId} apparaît deux fois.`,
        file.fileName,
        s.line,
      );
      continue;
    }
    byKey.set(s.eleveId, s);
    const twin = s.ine ? byIne.get(s.ine) : undefined;
    if (twin) {
      problems.warn(
        `INE ${s.ine} en double : ${personLabel(twin.lastName, twin.firstName)} et ${label()}.`,
        file.fileName,
        s.line,
      );
    } else if (s.ine) byIne.set(s.ine, s);
  }

  // New divisions, labelled by the nomenclature when it has them.
  const known = new Set(state.divisions.map((d) => d.code));
  const levels = divisionLevels(file, byKey, nomenclature);
  for (const division of state.divisions) {
    const level = division.level === '' ? levels.get(division.code) : undefined;
    if (level) ops.divisionLevels.push({ id: division.id, level });
  }
  for (const structure of file.structures.values()) {
    const code = structure.divisions[0];
    if (code && !known.has(code)) {
      known.add(code);
      const level = levels.get(code);
      if (!level)
        problems.warn(
          `Division ${code} : niveau inconnu (aucun MEF reconnu${nomenclature ? '' : ', nomenclature non fournie'}) ; elle sera rangée sous « Niveau inconnu » jusqu’à un import qui donne son niveau.`,
          file.fileName,
        );
      ops.divisions.push({
        code,
        label: nomenclature?.divisions.get(code) ?? code,
        level: level ?? null,
      });
    }
  }

  // Pupils the file no longer lists count too: a leaver and an arrival may share a name.
  const absentOn = file.params.exportDate ?? today;
  const divisionOfRow = (row: StudentRow) =>
    row.divisionId ? (divisionCodeById.get(row.divisionId) ?? null) : null;
  const labels = pupilLabels([
    ...[...byKey.values()].map((s) => ({
      key: s.eleveId,
      lastName: s.lastName,
      firstName: s.firstName,
      division: file.structures.get(s.eleveId)?.divisions[0] ?? null,
      sex: sexFromCode(s.sexCode),
      birthDate: s.birthDate,
    })),
    ...[...existingByKey.values()]
      .filter((row) => !byKey.has(row.siecleId!) && !(row.leftOn && row.leftOn <= absentOn))
      .map((row) => ({ ...row, key: row.siecleId!, division: divisionOfRow(row) })),
  ]);

  for (const s of byKey.values()) {
    const divisions = file.structures.get(s.eleveId)?.divisions ?? [];
    const division = divisions[0] ?? null;
    const label = labels.get(s.eleveId)!;
    if (divisions.length > 1) {
      problems.warn(
        `${label} : inscrit dans plusieurs divisions (${divisions.join(', ')}) ; seule ${division} est retenue.`,
        file.fileName,
        s.line,
      );
    }
    const values = valuesOf(
      s,
      file,
      nomenclature,
      legal1AddressIds ? legal1AddressIds.get(s.eleveId) : null,
      problems,
      label,
    );
    const gone = hasLeft(values.leftOn, today);
    if (!gone && !values.divisionCode) {
      preview.unplaced.push({ key: s.eleveId, label, detail: 'Sans division' });
    }
    const existing = existingByKey.get(s.eleveId);
    if (!existing) {
      ops.studentInserts.push({ key: s.eleveId, ...values });
      if (gone)
        preview.left.push({
          key: s.eleveId,
          label,
          detail: leftOnLabel(values.sex, values.leftOn!),
        });
      else
        preview.added.push({
          key: s.eleveId,
          label,
          detail: [
            division ?? 'Sans division',
            structureGroups(file, s.eleveId),
            values.leftOn && `part le ${slashDate(values.leftOn)}`,
          ]
            .filter(Boolean)
            .join(' ; '),
        });
      continue;
    }
    const { divisionCode, ...rest } = values;
    const before = {
      ...existing,
      divisionCode: existing.divisionId
        ? (divisionCodeById.get(existing.divisionId) ?? null)
        : null,
    };
    const changes = diffValues(before, { ...rest, divisionCode });
    if (changes.length === 0) {
      preview.unchangedCount++;
      continue;
    }
    ops.studentUpdates.push({
      id: existing.id,
      values: Object.fromEntries(changes.map((c) => [c.key, c.after])),
    });
    const moves = changes.filter((c) => c.key === 'divisionCode' || c.key === 'groups');
    const newLeftOn = changes.find((c) => c.key === 'leftOn' && c.after)?.after as
      string | undefined;
    const leaving = newLeftOn !== undefined && hasLeft(newLeftOn, today);
    const returning = changes.find((c) => c.key === 'leftOn' && !c.after && c.before);
    const others = changes.filter(
      (c) => c.key !== 'divisionCode' && c.key !== 'leftOn' && c.key !== 'groups',
    );
    if (leaving)
      preview.left.push({ key: s.eleveId, label, detail: leftOnLabel(values.sex, newLeftOn) });
    if (newLeftOn !== undefined && !leaving) {
      preview.changed.push({ key: s.eleveId, label, detail: `Part le ${slashDate(newLeftOn)}` });
    }
    if (moves.length > 0 && !leaving) {
      preview.moved.push({
        key: s.eleveId,
        label,
        detail: moves
          .map((c) =>
            c.key === 'divisionCode'
              ? `${String(c.before ?? 'sans division')} → ${String(c.after ?? 'sans division')}`
              : `groupes ${String(c.before) || '(aucun)'} → ${String(c.after) || '(aucun)'}`,
          )
          .join(' ; '),
      });
    }
    if (returning) {
      const before = String(returning.before);
      preview.changed.push({
        key: s.eleveId,
        label,
        detail: hasLeft(before, today)
          ? `De retour dans l’établissement (${leftOnLabel(values.sex, before).toLowerCase()})`
          : `Départ prévu le ${slashDate(before)} annulé`,
      });
    }
    if (others.length > 0) {
      // A MEF reads better as the nomenclature's label ("5EME") than as its 11-digit code.
      const mefLabel = (code: unknown) =>
        (typeof code === 'string' && nomenclature?.mefs.get(code)?.label) || code;
      const readable = others.map((c) =>
        c.key === 'mefCode' ? { ...c, before: mefLabel(c.before), after: mefLabel(c.after) } : c,
      );
      preview.changed.push({ key: s.eleveId, label, detail: describeChanges(readable) });
    }
  }

  // A file that knows none of the pupils present is another school's (a UAI changed by
  // mistake in the settings): it would mark them all as left.
  const present = [...existingByKey.values()].filter((row) => !hasLeft(row.leftOn, today));
  if (present.length > 0 && byKey.size > 0 && !present.some((row) => byKey.has(row.siecleId!))) {
    problems.block(
      `Aucun des ${present.length.toLocaleString('fr-FR')} élèves présents dans Pupitre n’est dans le fichier ${file.fileName} : ce n’est pas l’export de cet établissement. L’appliquer les ferait tous sortir.`,
      file.fileName,
    );
  }

  // Students SIECLE no longer lists have left, on the day of the first export that lacks
  // them (a DATE_SORTIE already known and earlier stays): kept, with their history.
  const leftOn = absentOn;
  for (const row of existingByKey.values()) {
    if (byKey.has(row.siecleId!) || (row.leftOn && row.leftOn <= leftOn)) continue;
    ops.studentUpdates.push({ id: row.id, values: { leftOn } });
    preview.left.push({
      key: row.siecleId!,
      label:
        labels.get(row.siecleId!) ?? personLabel(row.lastName, row.firstName, divisionOfRow(row)),
      detail: `Absent de l’export : ${leftOnLabel(row.sex, leftOn).toLowerCase()}`,
    });
  }
  return preview;
}

/** « groupes LAT5, ANG2 » for a new pupil's line; '' without groups. */
function structureGroups(file: SiecleStudentsFile, eleveId: string): string {
  const groups = file.structures.get(eleveId)?.groups ?? [];
  return groups.length > 0
    ? `${groups.length > 1 ? 'groupes' : 'groupe'} ${groups.join(', ')}`
    : '';
}
