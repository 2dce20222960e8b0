import { describe, expect, it } from 'vitest';
import {
  personNameKey,
  serviceVisibleTo,
  type ServiceScope,
  type ServiceViewer,
} from '../../shared/domain/teachingAccess';

const teacher = (userId: number, mainDivisions: string[] = []): ServiceViewer => ({
  role: 'teacher',
  userId,
  mainDivisions,
});
const math3A: ServiceScope = {
  teacherId: 7,
  structureKind: 'division',
  structureCode: '3A',
  groupDivisions: [],
};
const latin: ServiceScope = {
  teacherId: 8,
  structureKind: 'group',
  structureCode: '5A4A_LAT',
  groupDivisions: ['5A', '4A'],
};

describe('who sees a teaching service', () => {
  const cases: [string, ServiceViewer, ServiceScope, boolean][] = [
    ['the teacher of the service', teacher(7), math3A, true],
    ['another teacher', teacher(9), math3A, false],
    ['the professeur principal of the division', teacher(9, ['3A']), math3A, true],
    ['the professeur principal of another division', teacher(9, ['4B']), math3A, false],
    [
      'the professeur principal of a division the group draws from',
      teacher(9, ['4A']),
      latin,
      true,
    ],
    [
      'the professeur principal of a division the group does not draw from',
      teacher(9, ['3A']),
      latin,
      false,
    ],
    ['the CPE', { role: 'cpe', userId: 2, mainDivisions: [] }, math3A, true],
    ['the secrétariat', { role: 'secretariat', userId: 3, mainDivisions: [] }, latin, true],
    ['the direction', { role: 'direction', userId: 1, mainDivisions: [] }, latin, true],
  ];
  for (const [who, viewer, service, expected] of cases) {
    it(`${who}: ${expected ? 'sees it' : 'does not'}`, () => {
      expect(serviceVisibleTo(viewer, service)).toBe(expected);
    });
  }
});

describe('a person’s name as a matching key', () => {
  it('ignores case, accents, word order and civility', () => {
    expect(personNameKey('Mme LEFÈVRE Hélène')).toBe(personNameKey('hélène lefevre'));
    expect(personNameKey('M. ŒILLET Olivier')).toBe('oeillet olivier');
  });
  it('keeps different people apart', () => {
    expect(personNameKey('Paul Martin')).not.toBe(personNameKey('Paule Martin'));
  });
});
