import type { PortalChild } from '../../../shared/api/portal';
import { formatDate } from '../../ui/format';

type Named = Pick<
  PortalChild,
  'studentId' | 'firstName' | 'lastName' | 'birthDate' | 'divisionCode'
>;

/** « Hugo MARTIN », as every French school document writes a pupil. */
export const childName = (c: Pick<PortalChild, 'firstName' | 'lastName'>) =>
  `${c.firstName} ${c.lastName.toUpperCase()}`;

// Built once: localeCompare with options makes a collator at every call.
const BASE_LETTERS = new Intl.Collator('fr', { sensitivity: 'base' });

const sameName = (a: Named, b: Named) =>
  BASE_LETTERS.compare(a.firstName, b.firstName) === 0 &&
  BASE_LETTERS.compare(a.lastName, b.lastName) === 0;

/**
 * Each child's name as the family reads it beside the others (issue 12 §2): two children of
 * the same names (twins, homonyms) are told apart by what differs between them, the date of
 * birth, then the division: « Hugo MARTIN (4C) », « Hugo MARTIN (04/04/2012) ».
 */
export function childNames(list: readonly Named[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const child of list) {
    const twins = list.filter((o) => o.studentId !== child.studentId && sameName(o, child));
    const marks: string[] = [];
    if (twins.some((o) => o.birthDate !== child.birthDate) && child.birthDate)
      marks.push(formatDate(child.birthDate));
    if (twins.some((o) => o.divisionCode !== child.divisionCode))
      marks.push(child.divisionCode ?? 'sans classe');
    names.set(
      child.studentId,
      marks.length > 0 ? `${childName(child)} (${marks.join(', ')})` : childName(child),
    );
  }
  return names;
}

/** « qu’Aymard », « d’Aymard », « de Hugo »: the elisions before a first name. */
export { de, que } from '../../../shared/domain/frenchTypography';
