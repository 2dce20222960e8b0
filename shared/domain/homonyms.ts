import { slashDate } from './frenchDates';
import { foldForSearch } from './normalize';

export interface NamedChild {
  studentId: number;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  divisionCode: string | null;
  ine: string;
}

type Criterion = (child: NamedChild) => string;

/** Tried in this order: the first one that tells every namesake apart is shown (issue 12). */
const CRITERIA: Criterion[] = [
  (c) => (c.birthDate ? `né(e) le ${slashDate(c.birthDate)}` : ''),
  (c) => (c.divisionCode ? `division ${c.divisionCode}` : ''),
  (c) => (c.ine ? `INE ${c.ine}` : ''),
];

function separates(criterion: Criterion, group: NamedChild[]): boolean {
  const values = group.map(criterion);
  return values.every((v) => v !== '') && new Set(values).size === group.length;
}

/**
 * What tells apart children listed together who bear the same name (twins, homonyms): their
 * date of birth, else their division, else their INE. Children whose name is theirs alone get
 * nothing, so an ordinary list stays as it was.
 */
export function namesakeDetails(children: readonly NamedChild[]): Map<number, string> {
  const groups = new Map<string, NamedChild[]>();
  for (const child of children) {
    const key = foldForSearch(`${child.lastName} ${child.firstName}`);
    groups.set(key, [...(groups.get(key) ?? []), child]);
  }
  const details = new Map<number, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const criterion =
      CRITERIA.find((c) => separates(c, group)) ??
      ((c: NamedChild) =>
        CRITERIA.map((x) => x(c))
          .filter(Boolean)
          .join(', '));
    for (const child of group) details.set(child.studentId, criterion(child));
  }
  return details;
}
