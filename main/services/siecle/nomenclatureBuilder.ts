import { ExportBuilder } from './exportBuilder';
import { attributeOf, firstValueOf, keepOnly, valueOf } from './fields';
import type { SiecleNomenclatureFile } from './types';
import type { FieldFilter, XmlRecord } from './xmlRecords';

/**
 * BEE_NOMENCLATURES: the labels of the codes used by the other exports. MEFS and MATIERES
 * have their own maps; every other list under DONNEES whose entries carry their code as an
 * attribute (REGIME@CODE_REGIME, LIEN_PARENTE@CODE_PARENTE, PROFESSION@CODE_PROFESSION…) or
 * in a CODE child goes to codeLists under the list's name. Lists of relations without a
 * code of their own (PROGRAMMES, OPTIONS_OBLIGATOIRES) are left out.
 */

const MEF = 'DONNEES/MEFS/MEF';
const SUBJECT = 'DONNEES/MATIERES/MATIERE';
const DIVISION = 'DONNEES/DIVISIONS/DIVISION';

/** Best label first: LIBELLE_EDITION is in mixed case with accents, the others in capitals. */
const LABELS = [
  'LIBELLE_EDITION',
  'LIBELLE_LONG',
  'LIBELLE_LONG_PCS',
  'LIBELLE_COURT',
  'LIBELLE_COURT_PCS',
  'LIBELLE',
];

const MEF_FIELDS = keepOnly('FORMATION', ...LABELS);
const CODE_LIST_FIELDS: FieldFilter = (name) => name === 'CODE' || name.startsWith('LIBELLE');

export class NomenclatureBuilder extends ExportBuilder<SiecleNomenclatureFile> {
  private readonly mefs = new Map<string, { formation: string; label: string }>();
  private readonly subjects = new Map<string, string>();
  private readonly codeLists = new Map<string, Map<string, string>>();
  private readonly divisions = new Map<string, string>();

  protected dataRecordAt(key: string, path: readonly string[]): FieldFilter | null {
    if (key === MEF) return MEF_FIELDS;
    // Divisions and generic lists: DONNEES/<list>/<entry>.
    return path.length === 3 ? CODE_LIST_FIELDS : null;
  }

  protected addData(record: XmlRecord, key: string): void {
    const label = labelOf(record);
    if (key === MEF) {
      const code = attributeOf(record, 'CODE_MEF');
      if (code) this.mefs.set(code, { formation: valueOf(record, 'FORMATION'), label });
    } else if (key === SUBJECT) {
      const code = attributeOf(record, 'CODE_MATIERE');
      if (code) this.subjects.set(code, label);
    } else if (key === DIVISION) {
      const code = attributeOf(record, 'CODE_STRUCTURE') || codeOf(record);
      if (code) this.divisions.set(code, label);
    } else {
      const code = codeOf(record);
      const list = record.path[1] ?? '';
      if (code) this.listNamed(list).set(code, label);
    }
  }

  build(): SiecleNomenclatureFile {
    return {
      kind: 'nomenclature',
      fileName: this.fileName,
      params: this.params,
      mefs: this.mefs,
      subjects: this.subjects,
      codeLists: this.codeLists,
      divisions: this.divisions,
    };
  }

  private listNamed(name: string): Map<string, string> {
    let list = this.codeLists.get(name);
    if (list === undefined) {
      list = new Map();
      this.codeLists.set(name, list);
    }
    return list;
  }
}

function labelOf(record: XmlRecord): string {
  const known = firstValueOf(record, ...LABELS);
  if (known) return known;
  for (const [name, value] of record.fields) if (name.startsWith('LIBELLE') && value) return value;
  return '';
}

/** The entry's code: its only attribute, else its CODE… attribute, else a CODE child. */
function codeOf(record: XmlRecord): string {
  const attributes = Object.entries(record.attributes);
  const [only] = attributes;
  if (attributes.length === 1 && only) return only[1].trim();
  const coded = attributes.find(([name]) => name.startsWith('CODE'));
  return (coded?.[1] ?? valueOf(record, 'CODE')).trim();
}
