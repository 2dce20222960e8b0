import { slashDate } from '../../shared/domain/frenchDates';
import type { LetterFonts } from './fonts';
import { printableTexts, renderLandscapeTable, TABLE_MARGIN, TABLE_WIDTH } from './landscapeTable';

type Doc = PDFKit.PDFDocument;

export interface RosterGuardian {
  /** « Mme DUPONT Claire (mère) ». */
  name: string;
  /** Formatted and labelled: « 06 11 11 22 22 (portable) ». */
  phones: string[];
}

export interface RosterEntry {
  lastName: string;
  firstName: string;
  birthDate: string | null;
  regime: string;
  /** Shown beside the name on a group's list (a group mixes divisions). */
  divisionCode: string | null;
  guardians: RosterGuardian[];
}

export interface RosterData {
  schoolName: string;
  /** « Division 5B » or « Groupe 4LAT1 ». */
  title: string;
  /** The division's label and the school year, when known. */
  subtitle: string;
  /** 'YYYY-MM-DD' (Paris). */
  printedOn: string;
  /** A group's list says each pupil's division; a division's list need not. */
  showsDivision: boolean;
  entries: RosterEntry[];
}

const NBSP = '\u00a0';
const COLUMNS = [
  { title: 'N°', width: 22 },
  { title: 'Élève', width: 170 },
  { title: 'Né(e) le', width: 62 },
  { title: 'Régime', width: 92 },
  { title: 'Responsables et téléphones', width: TABLE_WIDTH - 22 - 170 - 62 - 92 },
] as const;

function heading(doc: Doc, data: RosterData): number {
  doc.font('bold').fontSize(9).fillColor('#444').text(data.schoolName, TABLE_MARGIN, TABLE_MARGIN);
  doc
    .font('bold')
    .fontSize(16)
    .fillColor('black')
    .text(data.title, TABLE_MARGIN, TABLE_MARGIN + 14);
  const count = `${data.entries.length}${NBSP}élève${data.entries.length > 1 ? 's' : ''}`;
  doc
    .font('regular')
    .fontSize(9)
    .text(
      [data.subtitle, count, `imprimé le ${slashDate(data.printedOn)}`].filter(Boolean).join(' — '),
      TABLE_MARGIN,
      TABLE_MARGIN + 34,
    );
  return TABLE_MARGIN + 54;
}

function guardianLines(entry: RosterEntry): string {
  if (entry.guardians.length === 0) return 'Aucun responsable enregistré';
  return entry.guardians
    .map((g) => {
      // A number is never cut across two lines: its spaces become no-break ones.
      const phones = g.phones.map((phone) => phone.replace(/ /g, NBSP)).join(', ');
      return `${g.name}${NBSP}: ${phones || 'pas de téléphone'}`;
    })
    .join('\n');
}

function cells(entry: RosterEntry, index: number, showsDivision: boolean): string[] {
  const name = `${entry.lastName.toLocaleUpperCase('fr-FR')} ${entry.firstName}`;
  return [
    String(index + 1),
    showsDivision ? `${name}\n${entry.divisionCode ?? 'sans division'}` : name,
    entry.birthDate ? slashDate(entry.birthDate) : '',
    entry.regime,
    guardianLines(entry),
  ];
}

/** The roster with each character its font lacks printed « ? » (see printableTexts). */
function printable(data: RosterData, fonts: LetterFonts): { data: RosterData; missing: string[] } {
  const texts = data.entries.flatMap((e) => [
    e.lastName,
    e.firstName,
    e.regime,
    ...e.guardians.flatMap((g) => [g.name, ...g.phones]),
  ]);
  const { missing, fix } = printableTexts(fonts, [data.schoolName, data.title, ...texts]);
  if (missing.length === 0) return { data, missing };
  return {
    missing,
    data: {
      ...data,
      schoolName: fix(data.schoolName),
      title: fix(data.title),
      entries: data.entries.map((e) => ({
        ...e,
        lastName: fix(e.lastName),
        firstName: fix(e.firstName),
        regime: fix(e.regime),
        guardians: e.guardians.map((g) => ({ name: fix(g.name), phones: g.phones.map(fix) })),
      })),
    },
  };
}

/**
 * The list a secretariat prints for a division or a group: one row a pupil (name, date of
 * birth, régime, each guardian with their phones), the heading repeated on every page and
 * « page n / N » at the foot. Plain data in, PDF bytes out.
 */
export function renderRosterPdf(raw: RosterData, fonts: LetterFonts): Promise<Buffer> {
  const { data, missing } = printable(raw, fonts);
  return renderLandscapeTable(
    {
      documentTitle: `${data.title} — liste des élèves`,
      columns: COLUMNS,
      rows: data.entries.map((entry, index) => cells(entry, index, data.showsDivision)),
      fontSize: 8.5,
      boldColumn: 1,
      ruled: true,
      heading: (doc) => heading(doc, data),
      missingHint: ' (vérifiez ces noms dans Pupitre)',
      emptyText: 'Aucun élève.',
      footer: (page, count) => `${data.title} — page ${page}${NBSP}/${NBSP}${count}`,
    },
    fonts,
    missing,
  );
}
