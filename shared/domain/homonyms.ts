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

const byBirthDate: Criterion = (c) => (c.birthDate ? `né(e) le ${slashDate(c.birthDate)}` : '');
const byDivision: Criterion = (c) => (c.divisionCode ? `division ${c.divisionCode}` : '');
const byIne: Criterion = (c) => (c.ine ? `INE ${c.ine}` : '');

/** Tried in this order: the first one that tells every namesake apart is shown (issue 12). */
const CRITERIA: Criterion[] = [byBirthDate, byDivision, byIne];

function separates(criterion: Criterion, group: NamedChild[]): boolean {
  const values = group.map(criterion);
  return values.every((v) => v !== '') && new Set(values).size === group.length;
}

/**
 * What tells apart children listed together who bear the same name (twins, homonyms): their
 * date of birth, else their division, else their INE. Children whose name is theirs alone get
 * nothing, so an ordinary list stays as it was. Where the list already shows each division
 * (`divisionShown`), namesakes in different divisions are told apart already.
 */
export function namesakeDetails(
  children: readonly NamedChild[],
  { divisionShown = false }: { divisionShown?: boolean } = {},
): Map<number, string> {
  const groups = new Map<string, NamedChild[]>();
  for (const child of children) {
    const key = foldForSearch(`${child.lastName} ${child.firstName}`);
    groups.set(key, [...(groups.get(key) ?? []), child]);
  }
  const details = new Map<number, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const found = CRITERIA.find((c) => separates(c, group));
    if (found === byDivision && divisionShown) continue;
    const criterion =
      found ??
      ((c: NamedChild) =>
        CRITERIA.map((x) => x(c))
          .filter(Boolean)
          .join(', '));
    for (const child of group) details.set(child.studentId, criterion(child));
  }
  return details;
}
