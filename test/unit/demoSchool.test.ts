import { describe, it, expect } from 'vitest';
import { generateDemoSchool } from '../../main/services/demo/generateDemoSchool';
import type { SchoolSeed, StudentSeed } from '../../main/services/school/schoolSeed';
import { isValidUai } from '../../shared/domain/school';

const school = generateDemoSchool();
const big = generateDemoSchool({ studentCount: 2000 });

const BIRTH_OFFSET: Record<string, number> = { '6e': 11, '5e': 12, '4e': 13, '3e': 14 };
const DAY_MS = 86_400_000;
const EMAIL = /^[a-z0-9.-]+@(exemple\.fr|exemple\.com|exemple\.net|courriel\.fr)$/;
const MOBILE = /^0[67]( \d\d){4}$/;
const LANDLINE = /^03 (81|63)( \d\d){3}$/;

function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(value).toISOString().slice(0, 10) === value;
}

function levelOf(seed: SchoolSeed, student: StudentSeed): string | undefined {
  return seed.divisions.find((d) => d.code === student.divisionCode)?.level;
}

/** Students grouped by their legal 1, which siblings share. */
function families(seed: SchoolSeed): StudentSeed[][] {
  const byKey = new Map(seed.students.map((s) => [s.key, s]));
  const groups = new Map<string, StudentSeed[]>();
  for (const link of seed.links) {
    if (link.legalRank !== 1) continue;
    const student = byKey.get(link.studentKey);
    if (!student) continue;
    groups.set(link.guardianKey, [...(groups.get(link.guardianKey) ?? []), student]);
  }
  return [...groups.values()];
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, out);
  }
  return out;
}

describe('generateDemoSchool', () => {
  it('gives the same school for the same options and another one for another seed', () => {
    expect(generateDemoSchool()).toEqual(school);
    expect(generateDemoSchool({ seed: 2026, studentCount: 600, schoolYearStart: 2026 })).toEqual(
      school,
    );
    const other = generateDemoSchool({ seed: 7 });
    expect(other).not.toEqual(school);
    expect(other.students.map((s) => s.ine)).not.toEqual(school.students.map((s) => s.ine));
    expect(other.students.map((s) => s.lastName)).not.toEqual(
      school.students.map((s) => s.lastName),
    );
  });

  it('has 600 students by default and exactly the number asked for otherwise', () => {
    expect(school.students).toHaveLength(600);
    expect(big.students).toHaveLength(2000);
    for (const studentCount of [0, 1, 2, 37]) {
      expect(generateDemoSchool({ studentCount }).students).toHaveLength(studentCount);
    }
    expect(() => generateDemoSchool({ studentCount: -1 })).toThrow(RangeError);
    expect(() => generateDemoSchool({ studentCount: 1.5 })).toThrow(RangeError);
  });

  it('describes a valid fictional collège in the académie de Besançon', () => {
    const { school: info } = school;
    expect(isValidUai(info.uai)).toBe(true);
    expect(info.uai.startsWith('025')).toBe(true);
    expect(info.name).toMatch(/^COLLÈGE [A-Z' -]+$/);
    expect(info.email).toBe(`ce.${info.uai.toLowerCase()}@ac-besancon.fr`);
    expect(info.academie).toBe('Besançon');
    // Its letters lead to the portal the demo runs, never to a real académie's site.
    expect(info.portalUrl).toBe('http://127.0.0.1:3211/');
    expect(
      generateDemoSchool({ studentCount: 1, portalUrl: 'http://127.0.0.1:4000/' }).school.portalUrl,
    ).toBe('http://127.0.0.1:4000/');
    expect(info.phone).toMatch(/^03 81( \d\d){3}$/);
    expect(info.address.postalCode).toMatch(/^25\d{3}$/);
    expect(info.address.city).not.toBe('');
    expect(info.welcomeMessage).toMatch(/^Bienvenue/);
  });

  it('builds the school year in three contiguous trimesters', () => {
    expect(school.year.label).toBe('2026-2027');
    expect(school.year.startsOn).toBe('2026-09-01');
    expect(school.year.endsOn).toBe('2027-07-04');
    const { periods } = school.year;
    expect(periods.map((p) => [p.code, p.label])).toEqual([
      ['T1', 'Trimestre 1'],
      ['T2', 'Trimestre 2'],
      ['T3', 'Trimestre 3'],
    ]);
    expect(periods[0]?.startsOn).toBe(school.year.startsOn);
    expect(periods[2]?.endsOn).toBe(school.year.endsOn);
    for (let i = 0; i < periods.length; i++) {
      const period = periods[i];
      if (!period) continue;
      expect(isIsoDate(period.startsOn) && isIsoDate(period.endsOn)).toBe(true);
      expect(period.startsOn < period.endsOn).toBe(true);
      const next = periods[i + 1];
      if (next) expect(Date.parse(next.startsOn) - Date.parse(period.endsOn)).toBe(DAY_MS);
    }
    const leap = generateDemoSchool({ studentCount: 10, schoolYearStart: 2027 }).year;
    expect(leap.label).toBe('2027-2028');
    expect(leap.periods[1]?.endsOn).toBe('2028-02-29');
  });

  it('opens only 6e–3e classes of 20 to 32 students, five per level for 600', () => {
    for (const seed of [school, big]) {
      const codes = new Set(seed.divisions.map((d) => d.code));
      expect(codes.size).toBe(seed.divisions.length);
      for (const division of seed.divisions) {
        expect(['6e', '5e', '4e', '3e']).toContain(division.level);
        expect(division.code).toMatch(/^[3-6][A-Z]$/);
        expect(division.code.charAt(0)).toBe(division.level.charAt(0));
        expect(division.label).toBe(`${division.level} ${division.code.slice(1)}`);
        const size = seed.students.filter((s) => s.divisionCode === division.code).length;
        expect(size).toBeGreaterThanOrEqual(20);
        expect(size).toBeLessThanOrEqual(32);
      }
      for (const student of seed.students) {
        if (student.divisionCode !== null) expect(codes.has(student.divisionCode)).toBe(true);
      }
      const unplaced = seed.students.filter((s) => s.divisionCode === null).length;
      expect(unplaced).toBeGreaterThan(0);
      expect(unplaced).toBeLessThanOrEqual(seed.students.length * 0.02);
    }
    for (const level of ['6e', '5e', '4e', '3e']) {
      expect(school.divisions.filter((d) => d.level === level).map((d) => d.code)).toEqual(
        ['A', 'B', 'C', 'D', 'E'].map((letter) => level.charAt(0) + letter),
      );
    }
  });

  it('gives every student and guardian a unique key and every student a unique INE', () => {
    for (const seed of [school, big]) {
      const keys = seed.students.map((s) => s.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.every((k) => /^E\d{4}$/.test(k))).toBe(true);
      const ines = seed.students.map((s) => s.ine);
      expect(new Set(ines).size).toBe(ines.length);
      expect(ines.every((ine) => /^\d{10}[A-Z]$/.test(ine))).toBe(true);
      const guardianKeys = seed.guardians.map((g) => g.key);
      expect(new Set(guardianKeys).size).toBe(guardianKeys.length);
    }
  });

  it('keeps links sound: known keys, one legal 1 per student, no orphan guardian', () => {
    for (const seed of [school, big]) {
      const studentKeys = new Set(seed.students.map((s) => s.key));
      const guardianKeys = new Set(seed.guardians.map((g) => g.key));
      const pairs = new Set<string>();
      for (const link of seed.links) {
        expect(studentKeys.has(link.studentKey)).toBe(true);
        expect(guardianKeys.has(link.guardianKey)).toBe(true);
        pairs.add(`${link.studentKey}/${link.guardianKey}`);
        if (link.legalRank === null) expect([2, 3]).toContain(link.responsibilityLevel);
        else expect(link.responsibilityLevel).toBe(1);
      }
      expect(pairs.size).toBe(seed.links.length);
      expect(new Set(seed.links.map((l) => l.guardianKey))).toEqual(guardianKeys);
      const ranks = new Map<string, (1 | 2 | null)[]>();
      for (const link of seed.links) {
        ranks.set(link.studentKey, [...(ranks.get(link.studentKey) ?? []), link.legalRank]);
      }
      const wrong = seed.students.filter((student) => {
        const own = ranks.get(student.key) ?? [];
        return own.filter((r) => r === 1).length !== 1 || own.filter((r) => r === 2).length > 1;
      });
      expect(wrong).toEqual([]);
    }
  });

  it('makes siblings share the very same guardian records', () => {
    const groups = families(school);
    const withSiblings = groups.filter((g) => g.length >= 2);
    expect(withSiblings.length / groups.length).toBeGreaterThan(0.15);
    expect(withSiblings.length / groups.length).toBeLessThan(0.35);
    expect(groups.some((g) => g.length === 3)).toBe(true);
    for (const siblings of withSiblings) {
      const guardianSets = siblings.map((s) =>
        school.links
          .filter((l) => l.studentKey === s.key)
          .map((l) => `${l.guardianKey}:${l.legalRank}`)
          .sort()
          .join(','),
      );
      expect(new Set(guardianSets).size).toBe(1);
      expect(new Set(siblings.map((s) => s.lastName)).size).toBe(1);
    }
  });

  it('has one or two legal guardians with matching civility and relationship', () => {
    const byKey = new Map(school.guardians.map((g) => [g.key, g]));
    let single = 0;
    for (const student of school.students) {
      const legal = school.links.filter((l) => l.studentKey === student.key && l.legalRank);
      if (legal.length === 1) single++;
      for (const link of legal) {
        const guardian = byKey.get(link.guardianKey);
        if (link.relationship === '10') expect(guardian?.civility).toBe('Mme');
        if (link.relationship === '20') expect(guardian?.civility).toBe('M.');
        expect(['10', '20', '39', '50']).toContain(link.relationship);
      }
    }
    expect(single / school.students.length).toBeGreaterThan(0.05);
    expect(single / school.students.length).toBeLessThan(0.3);
    const relationships = new Set<string>(school.links.map((l) => l.relationship));
    for (const code of ['10', '20', '50', '39']) expect(relationships.has(code)).toBe(true);
    // Some couples do not share a last name.
    const couples = families(school).map((siblings) =>
      school.links
        .filter((l) => l.studentKey === siblings[0]?.key && l.legalRank !== null)
        .map((l) => byKey.get(l.guardianKey)?.lastName),
    );
    expect(couples.some((names) => names.length === 2 && names[0] !== names[1])).toBe(true);
  });

  it('gives guardians believable contact details, some without e-mail', () => {
    const withoutEmail = school.guardians.filter((g) => g.email === '').length;
    expect(withoutEmail / school.guardians.length).toBeGreaterThan(0.03);
    expect(withoutEmail / school.guardians.length).toBeLessThan(0.15);
    const emails = school.guardians.map((g) => g.email).filter((e) => e !== '');
    expect(new Set(emails).size).toBe(emails.length);
    for (const guardian of school.guardians) {
      if (guardian.email !== '') expect(guardian.email).toMatch(EMAIL);
      if (guardian.phoneMobile !== '') expect(guardian.phoneMobile).toMatch(MOBILE);
      if (guardian.phoneHome !== '') expect(guardian.phoneHome).toMatch(LANDLINE);
      if (guardian.phoneWork !== '') expect(guardian.phoneWork).toMatch(LANDLINE);
      if (guardian.acceptsSms) expect(guardian.phoneMobile).not.toBe('');
    }
    expect(school.guardians.filter((g) => g.acceptsSms).length).toBeGreaterThan(
      school.guardians.length / 2,
    );
    expect(school.guardians.some((g) => g.profession === 'Sans profession')).toBe(true);
    expect(school.guardians.filter((g) => g.sharesAddress).length).toBeGreaterThan(
      school.guardians.length * 0.7,
    );
  });

  it('adds non-legal third persons for about 5% of students', () => {
    const third = school.links.filter((l) => l.legalRank === null);
    const students = new Set(third.map((l) => l.studentKey));
    expect(students.size / school.students.length).toBeGreaterThan(0.02);
    expect(students.size / school.students.length).toBeLessThan(0.1);
    const thirdKeys = new Set(third.map((l) => l.guardianKey));
    for (const link of third) expect(['38', '39', '90']).toContain(link.relationship);
    // A third person never also holds a legal responsibility.
    expect(school.links.some((l) => l.legalRank !== null && thirdKeys.has(l.guardianKey))).toBe(
      false,
    );
  });

  it('uses names with accents, apostrophes and hyphens, and trims every string', () => {
    const lastNames = [
      ...school.students.map((s) => s.lastName),
      ...school.guardians.map((g) => g.lastName),
    ];
    const firstNames = [
      ...school.students.map((s) => s.firstName),
      ...school.guardians.map((g) => g.firstName),
    ];
    expect(lastNames.some((n) => n.includes("'"))).toBe(true);
    expect(lastNames.some((n) => n.includes('-'))).toBe(true);
    expect(lastNames.some((n) => /[À-ÿŒœ]/.test(n))).toBe(true);
    expect(firstNames.some((n) => n.includes('-'))).toBe(true);
    expect(firstNames.some((n) => /[À-ÿ]/.test(n))).toBe(true);
    const trickyFamilies = families(school).filter((siblings) =>
      /['\- ]|[^\u0020-\u007f]/.test(siblings[0]?.lastName ?? ''),
    );
    expect(trickyFamilies.length).toBeGreaterThanOrEqual(12);
    expect(collectStrings(school).filter((value) => value !== value.trim())).toEqual([]);
    for (const person of [...school.students, ...school.guardians]) {
      expect(person.lastName).not.toBe('');
      expect(person.firstName).not.toBe('');
    }
  });

  it('dates births in the civil year matching the level, siblings apart or twins', () => {
    for (const [seed, start] of [
      [school, 2026],
      [generateDemoSchool({ schoolYearStart: 2030, studentCount: 200 }), 2030],
    ] as const) {
      for (const student of seed.students) {
        expect(isIsoDate(student.birthDate)).toBe(true);
        const year = Number(student.birthDate.slice(0, 4));
        const level = levelOf(seed, student);
        if (level) expect(year).toBe(start - (BIRTH_OFFSET[level] ?? 0));
        else expect(year >= start - 14 && year <= start - 11).toBe(true);
      }
    }
    for (const siblings of families(school)) {
      const days = [...new Set(siblings.map((s) => Date.parse(s.birthDate) / DAY_MS))].sort();
      for (let i = 1; i < days.length; i++) {
        expect((days[i] ?? 0) - (days[i - 1] ?? 0)).toBeGreaterThanOrEqual(280);
      }
    }
  });

  it('fills in the rest of the student record', () => {
    const byKey = new Map(school.guardians.map((g) => [g.key, g]));
    for (const student of school.students) {
      expect(['M', 'F']).toContain(student.sex);
      expect(student.birthCountry).toBe('FRANCE');
      expect(student.birthDepartment).toMatch(/^\d{3}$/);
      expect(student.birthCommune).not.toBe('');
      if (student.email !== '') expect(student.email).toMatch(EMAIL);
      if (student.phoneMobile !== '') expect(student.phoneMobile).toMatch(MOBILE);
      if (student.addressSameAsGuardian1) {
        const legal1 = school.links.find((l) => l.studentKey === student.key && l.legalRank === 1);
        expect(student.address).toEqual(byKey.get(legal1?.guardianKey ?? '')?.address);
      }
    }
    const count = (predicate: (s: StudentSeed) => boolean) =>
      school.students.filter(predicate).length;
    expect(count((s) => s.addressSameAsGuardian1)).toBeGreaterThan(500);
    expect(count((s) => s.regime === 'demi_pensionnaire')).toBeGreaterThan(400);
    expect(count((s) => s.regime === 'externe')).toBeGreaterThan(20);
    expect(count((s) => s.regime === 'interne')).toBeGreaterThan(0);
    expect(count((s) => s.regime === 'interne')).toBeLessThan(count((s) => s.regime === 'externe'));
    expect(count((s) => s.sex === 'F')).toBeGreaterThan(240);
    expect(count((s) => s.sex === 'M')).toBeGreaterThan(240);
    expect(count((s) => s.phoneMobile !== '')).toBeGreaterThan(0);
    expect(count((s) => s.email !== '')).toBeGreaterThan(0);
  });

  it('lets about 1% of students leave during the year, keeping their class', () => {
    const leavers = school.students.filter((s) => s.leftOn !== null);
    expect(leavers.length).toBeGreaterThan(0);
    expect(leavers.length).toBeLessThanOrEqual(12);
    for (const student of leavers) {
      expect(student.divisionCode).not.toBeNull();
      const leftOn = student.leftOn ?? '';
      expect(isIsoDate(leftOn)).toBe(true);
      expect(leftOn > school.year.startsOn && leftOn < school.year.endsOn).toBe(true);
    }
  });

  it('generates the 2000-student benchmark roll with every student placed once', () => {
    const roll = generateDemoSchool({ studentCount: 2000, seed: 99 });
    expect(roll.students).toHaveLength(2000);
    expect(new Set(roll.students.map((s) => s.key)).size).toBe(2000);
  });
});
