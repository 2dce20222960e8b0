import { dateInWords } from '../../shared/domain/frenchDates';
import type { LetterChild, NotificationLetterData } from './letterData';
import { NBSP } from './letterPage';

/**
 * How the children an account covers are named on the letter: grouped by division (« Léonie
 * et Maël, élèves de 4C »), in the same order in the body and on the coupon, and two children
 * of the same first name told apart by their date of birth (twins by their second name).
 */

const sameName = (a: LetterChild, b: LetterChild) =>
  a.firstName.trim().toLocaleLowerCase('fr') === b.firstName.trim().toLocaleLowerCase('fr');

/** « né », « née », or « né(e) » when the sex is not known. */
function born(c: LetterChild): string {
  return c.sex === 'F' ? 'née' : c.sex === 'M' ? 'né' : 'né(e)';
}

/** « né le 1er mars 2012 », kept on one line. */
function bornOn(c: LetterChild): string {
  return `${born(c)}${NBSP}le${NBSP}${dateInWords(c.birthDate ?? '', NBSP)}`;
}

/**
 * What tells a child from another of the same first name on the letter: the date of birth;
 * for twins born the same day, their second given name (« Camille Marie », « Camille Anne »).
 */
function distinction(c: LetterChild, all: LetterChild[]): { name: string; born: string } {
  const namesakes = all.filter((other) => other !== c && sameName(other, c));
  if (namesakes.length === 0) return { name: c.firstName, born: '' };
  const twin = namesakes.some((other) => other.birthDate === c.birthDate);
  if (twin && c.otherNames) return { name: `${c.firstName} ${c.otherNames}`, born: '' };
  return { name: c.firstName, born: c.birthDate ? bornOn(c) : '' };
}

/** « Lucas », or « Lucas (né le 3 mars 2012) » when another child of the letter is a Lucas too. */
export function childName(c: LetterChild, all: LetterChild[]): string {
  const { name, born } = distinction(c, all);
  return born ? `${name} (${born})` : name;
}

interface DivisionGroup {
  divisionCode: string;
  children: LetterChild[];
}

/**
 * The children by division, divisions in the order their first child comes, children without
 * a division last (« Raphaël, élève de 4C, et Léna », never « Léna et Raphaël, élève de 4C »).
 */
function divisionGroups(children: LetterChild[]): DivisionGroup[] {
  const groups: DivisionGroup[] = [];
  for (const c of children) {
    const group = groups.find((g) => g.divisionCode === c.divisionCode);
    if (group) group.children.push(c);
    else groups.push({ divisionCode: c.divisionCode, children: [c] });
  }
  return [...groups.filter((g) => g.divisionCode), ...groups.filter((g) => !g.divisionCode)];
}

/** The order the body names them in, which the coupon's boxes follow. */
export function childrenInLetterOrder(children: LetterChild[]): LetterChild[] {
  return divisionGroups(children).flatMap((g) => g.children);
}

function andList(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} et ${parts.at(-1)}`;
}

/**
 * « Zoé, élève de 2nde5 », « Léonie et Maël, élèves de 4C », « Zoé, élève de 2nde5, et Léna »,
 * « Léna et Raphaël »: every child and division the account covers, a division said once. A
 * comma comes before « et » only after an « élève de … » that it closes.
 */
export function childrenPhrase(children: LetterChild[]): string {
  const parts: { text: string; apposition: boolean }[] = [];
  for (const g of divisionGroups(children)) {
    const names = g.children.map((c) => childName(c, children));
    if (!g.divisionCode) {
      for (const name of names) parts.push({ text: name, apposition: false });
      continue;
    }
    const pupils = names.length > 1 ? 'élèves' : 'élève';
    // « de 4C » is never split across two lines (a no-break space).
    parts.push({
      text: `${andList(names)}, ${pupils} de\u00a0${g.divisionCode}`,
      apposition: true,
    });
  }
  if (parts.length <= 1) return parts[0]?.text ?? '';
  const head = parts.slice(0, -1).map((p) => p.text);
  const separator = parts.at(-2)!.apposition ? ', et ' : ' et ';
  return `${head.join(', ')}${separator}${parts.at(-1)!.text}`;
}

/** « pour l’élève Zoé (2nde5) », « pour l’élève Lucas (4C, né le 3 mars 2012) ». */
export function couponChildLabel(c: LetterChild, all: LetterChild[]): string {
  const { name, born } = distinction(c, all);
  const details = [c.divisionCode, born].filter(Boolean);
  return `pour l’élève ${name}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/** What the letter knows of a pupil writing to the school: sex, and whether of age that day. */
export function pupilFacts(data: NotificationLetterData): {
  sex: 'F' | 'M' | '';
  adult: boolean | null;
} {
  const self = data.kind === 'student' ? data.children[0] : undefined;
  const sex = self?.sex === 'F' || self?.sex === 'M' ? self.sex : '';
  const birth = self?.birthDate;
  if (!birth || !/^\d{4}-\d{2}-\d{2}$/.test(birth)) return { sex, adult: null };
  const majority = `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}`;
  return { sex, adult: majority <= data.date };
}
