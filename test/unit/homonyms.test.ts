import { describe, expect, it } from 'vitest';
import { namesakeDetails, type NamedChild } from '../../shared/domain/homonyms';

const child = (studentId: number, over: Partial<NamedChild> = {}): NamedChild => ({
  studentId,
  lastName: 'Martin',
  firstName: 'Léa',
  birthDate: '2013-03-12',
  divisionCode: '5B',
  ine: `12345678${studentId}AB`,
  ...over,
});

describe('two children with the same names are told apart (issue 12)', () => {
  it('by date of birth when it differs (homonyms)', () => {
    const details = namesakeDetails([child(1), child(2, { birthDate: '2014-01-05' })]);
    expect(details.get(1)).toBe('né(e) le 12/03/2013');
    expect(details.get(2)).toBe('né(e) le 05/01/2014');
  });
  it('by division when born the same day (twins), whatever the accents or case', () => {
    const details = namesakeDetails([child(1), child(2, { firstName: 'LEA', divisionCode: '5C' })]);
    expect([details.get(1), details.get(2)]).toEqual(['division 5B', 'division 5C']);
  });
  it('adds nothing where the list already shows the division that tells twins apart', () => {
    const twins = [child(1), child(2, { divisionCode: '5C' })];
    expect(namesakeDetails(twins, { divisionShown: true }).size).toBe(0);
    expect(namesakeDetails([child(1), child(2)], { divisionShown: true }).get(2)).toBe(
      'INE 123456782AB',
    );
  });
  it('by INE when date and division are the same', () => {
    const details = namesakeDetails([child(1), child(2)]);
    expect(details.get(1)).toBe('INE 123456781AB');
  });
  it('adds nothing to children whose name is theirs alone', () => {
    expect(namesakeDetails([child(1), child(2, { firstName: 'Hugo' })]).size).toBe(0);
  });
});
