import { SiecleFileError } from '../siecle/types';
import { readStsXml, type StsElement, type StsHandler } from './readStsXml';

/** What Pupitre keeps of STS-Web's `sts_emp_<UAI>_<année>.xml` (root STS_EDT). */
export interface StsFile {
  fileName: string;
  uaj: string;
  schoolYear: number | null;
  subjects: StsSubject[];
  /** Individuals who teach: FONCTION ENS, or named by a service. */
  teachers: StsTeacher[];
  divisionCodes: string[];
  groups: StsGroup[];
  services: StsService[];
  /** SERVICE elements read, with or without a teacher: none means no timetable sent yet. */
  serviceElements: number;
}

export interface StsSubject {
  code: string;
  managementCode: string;
  shortLabel: string;
  longLabel: string;
}

export interface StsTeacher {
  stsId: string;
  civility: string;
  lastName: string;
  firstName: string;
  /** Divisions of which they are professeur principal (PROFS_PRINC/PROF_PRINC/CODE_STRUCTURE). */
  mainDivisions: string[];
}

export interface StsGroup {
  code: string;
  label: string;
  divisions: string[];
}

export interface StsService {
  subjectCode: string;
  kind: 'division' | 'group';
  structureCode: string;
  teacherStsId: string;
}

const SUBJECT = 'NOMENCLATURES/MATIERES/MATIERE';
const INDIVIDUAL = 'DONNEES/INDIVIDUS/INDIVIDU';
const MAIN_TEACHER = 'DONNEES/INDIVIDUS/INDIVIDU/PROFS_PRINC/PROF_PRINC';
const DIVISION = 'DONNEES/STRUCTURE/DIVISIONS/DIVISION';
const GROUP = 'DONNEES/STRUCTURE/GROUPES/GROUPE';
const GROUP_DIVISION = `${GROUP}/DIVISIONS_APPARTENANCE/DIVISION_APPARTENANCE`;
const SERVICE_TAIL = 'SERVICES/SERVICE';
const TEACHER_TAIL = 'SERVICES/SERVICE/ENSEIGNANTS/ENSEIGNANT';
const WANTED = new Set([
  'PARAMETRES',
  SUBJECT,
  INDIVIDUAL,
  MAIN_TEACHER,
  DIVISION,
  GROUP,
  GROUP_DIVISION,
  `${DIVISION}/${SERVICE_TAIL}`,
  `${GROUP}/${SERVICE_TAIL}`,
  `${DIVISION}/${TEACHER_TAIL}`,
  `${GROUP}/${TEACHER_TAIL}`,
]);

const value = (e: StsElement, name: string) => e.fields.get(name) ?? '';
const attribute = (attributes: Readonly<Record<string, string>> | undefined, name: string) =>
  (attributes?.[name] ?? '').trim();

class StsCollector implements StsHandler {
  uaj = '';
  schoolYear: number | null = null;
  readonly subjects = new Map<string, StsSubject>();
  readonly individuals = new Map<string, StsTeacher & { teaches: boolean }>();
  readonly mainDivisions = new Map<string, string[]>();
  readonly divisionCodes = new Set<string>();
  readonly groups = new Map<string, StsGroup>();
  readonly groupDivisions = new Map<string, string[]>();
  readonly services: StsService[] = [];
  serviceElements = 0;

  constructor(private readonly fileName: string) {}

  root(name: string): void {
    if (name === 'STS_EDT') return;
    if (name === 'EDT_STS') {
      throw new SiecleFileError(
        this.fileName,
        `Le fichier ${this.fileName} est l’export de votre logiciel d’emploi du temps vers STS-Web (EDT_STS), pas l’export de STS-Web : dans STS-Web, exportez le fichier « sts_emp_<UAI>_<année>.xml ».`,
      );
    }
    throw new SiecleFileError(
      this.fileName,
      `Le fichier ${this.fileName} n’est pas un export STS-Web reconnu (élément racine ${name}) : attendu le fichier « sts_emp_<UAI>_<année>.xml » (élément racine STS_EDT).`,
    );
  }

  wants(path: readonly string[]): boolean {
    return WANTED.has(path.join('/'));
  }

  add(e: StsElement): void {
    const key = e.path.join('/');
    const owner = e.ancestors[3];
    switch (key) {
      case 'PARAMETRES': {
        this.uaj = (value(e, 'UAJ') || attribute(e.attributes, 'UAJ')).toUpperCase();
        const year = Number(value(e, 'ANNEE_SCOLAIRE'));
        this.schoolYear = Number.isInteger(year) && year > 1900 ? year : null;
        return;
      }
      case SUBJECT: {
        const code = attribute(e.attributes, 'CODE');
        if (!code) return;
        this.subjects.set(code, {
          code,
          managementCode: value(e, 'CODE_GESTION'),
          shortLabel: value(e, 'LIBELLE_COURT'),
          longLabel: value(e, 'LIBELLE_EDITION') || value(e, 'LIBELLE_LONG'),
        });
        return;
      }
      case INDIVIDUAL: {
        const stsId = attribute(e.attributes, 'ID');
        if (!stsId) return;
        this.individuals.set(stsId, {
          stsId,
          civility: value(e, 'CIVILITE'),
          lastName: value(e, 'NOM_USAGE') || value(e, 'NOM_PATRONYMIQUE'),
          firstName: value(e, 'PRENOM'),
          mainDivisions: [],
          teaches: value(e, 'FONCTION') === 'ENS',
        });
        return;
      }
      case MAIN_TEACHER: {
        const stsId = attribute(e.ancestors[2], 'ID');
        const division = value(e, 'CODE_STRUCTURE');
        if (stsId && division) pushTo(this.mainDivisions, stsId, division);
        return;
      }
      case DIVISION:
        if (attribute(e.attributes, 'CODE'))
          this.divisionCodes.add(attribute(e.attributes, 'CODE'));
        return;
      case GROUP: {
        const code = attribute(e.attributes, 'CODE');
        if (code) {
          this.groups.set(code, {
            code,
            label: value(e, 'LIBELLE_LONG') || value(e, 'LIBELLE_COURT'),
            divisions: [],
          });
        }
        return;
      }
      case GROUP_DIVISION: {
        const group = attribute(e.ancestors[3], 'CODE');
        const division = attribute(e.attributes, 'CODE') || value(e, 'CODE');
        if (group && division) pushTo(this.groupDivisions, group, division);
        return;
      }
      default:
        break;
    }
    const kind = e.path[3] === 'DIVISION' ? 'division' : 'group';
    if (e.path.at(-1) === 'SERVICE') {
      this.serviceElements += 1;
      return;
    }
    // An ENSEIGNANT: its service and structure are ancestors.
    const structureCode = attribute(owner, 'CODE');
    const subjectCode = attribute(e.ancestors[5], 'CODE_MATIERE');
    const teacherStsId = attribute(e.attributes, 'ID');
    if (structureCode && subjectCode && teacherStsId) {
      this.services.push({ subjectCode, kind, structureCode, teacherStsId });
    }
  }

  build(): StsFile {
    const named = new Set(this.services.map((s) => s.teacherStsId));
    const teachers = [...this.individuals.values()]
      .filter((i) => i.teaches || named.has(i.stsId))
      .map(({ teaches: _teaches, ...teacher }) => ({
        ...teacher,
        mainDivisions: [...new Set(this.mainDivisions.get(teacher.stsId) ?? [])],
      }));
    const unique = new Map(
      this.services.map((s) => [
        `${s.subjectCode}|${s.kind}|${s.structureCode}|${s.teacherStsId}`,
        s,
      ]),
    );
    return {
      fileName: this.fileName,
      uaj: this.uaj,
      schoolYear: this.schoolYear,
      subjects: [...this.subjects.values()],
      teachers,
      divisionCodes: [...this.divisionCodes],
      groups: [...this.groups.values()].map((g) => ({
        ...g,
        divisions: [...new Set(this.groupDivisions.get(g.code) ?? [])],
      })),
      services: [...unique.values()],
      serviceElements: this.serviceElements,
    };
  }
}

function pushTo(map: Map<string, string[]>, key: string, item: string) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Reads an STS-Web export held in memory (it is a few MB at most), 64 KB at a time. */
export async function readStsFile(fileName: string, bytes: Uint8Array): Promise<StsFile> {
  const collector = new StsCollector(fileName);
  await readStsXml(fileName, chunks(bytes), collector);
  return collector.build();
}

function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
}
