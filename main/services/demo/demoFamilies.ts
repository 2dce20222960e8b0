import type { Address } from '../../../shared/api/staff';
import type { RelationshipCode, ResponsibilityLevel } from '../../../shared/domain/relationship';
import type { Regime } from '../../../shared/domain/school';
import type { GuardianSeed, LinkSeed, StudentSeed } from '../school/schoolSeed';
import { dayNumber, isoDate } from './demoCalendar';
import { EmailBook, homeAddress, landlinePhone, mobilePhone } from './demoContacts';
import type { Slot } from './demoDivisions';
import {
  ADULT_FIRST_NAMES,
  CHILD_FIRST_NAMES,
  PROFESSIONS,
  REGIONAL_LAST_NAMES,
  TRICKY_FIRST_NAMES,
  TRICKY_LAST_NAMES,
  type Sex,
} from './demoNames';
import { BIRTH_PLACES } from './demoPlaces';
import type { DemoRandom } from './demoRandom';

const INE_LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/** Below ten months between two births of one mother the data would look wrong. */
const MIN_DAYS_BETWEEN_SIBLINGS = 300;

interface Member {
  guardian: GuardianSeed;
  relationship: RelationshipCode;
}

interface LegalGuardians {
  members: [Member] | [Member, Member];
  childLastName: string;
}

interface ThirdPerson extends Member {
  level: ResponsibilityLevel;
}

/**
 * Builds the school family by family, so that siblings point at the very same guardian
 * records, as they do in SIECLE.
 */
export class FamilyBuilder {
  readonly students: StudentSeed[] = [];
  readonly guardians: GuardianSeed[] = [];
  readonly links: LinkSeed[] = [];
  private readonly emails: EmailBook;
  private readonly ines = new Set<string>();
  private familyCount = 0;

  constructor(
    private readonly random: DemoRandom,
    private readonly yearStart: number,
  ) {
    this.emails = new EmailBook(random);
  }

  addFamily(slots: readonly Slot[]): void {
    const familyIndex = this.familyCount++;
    const random = this.random;
    // A fixed share of families gets a name that exercises search and sort.
    const familyName =
      familyIndex % 20 === 7
        ? (TRICKY_LAST_NAMES[Math.floor(familyIndex / 20) % TRICKY_LAST_NAMES.length] ?? 'Bénard')
        : this.anyLastName();
    const home = homeAddress(random);
    const homePhone = random.chance(0.4) ? landlinePhone(random) : '';

    const legal = this.legalGuardians(familyName, home, homePhone);
    const third = random.chance(0.05) ? this.thirdPerson(familyName) : null;

    const takenFirstNames = new Set<string>();
    // Oldest first, so that each younger child is born after the previous one.
    const ordered = [...slots].sort((a, b) => b.levelIndex - a.levelIndex);
    let previous: { levelIndex: number; day: number } | null = null;
    for (const slot of ordered) {
      const day = this.birthDay(slot.levelIndex, previous);
      previous = { levelIndex: slot.levelIndex, day };
      const student = this.student(slot, day, legal, takenFirstNames);
      this.students.push(student);
      const [first, second] = legal.members;
      this.link(student, first, 1, 1);
      if (second) this.link(student, second, 2, 1);
      if (third) this.link(student, third, null, third.level);
    }
  }

  private legalGuardians(familyName: string, home: Address, homePhone: string): LegalGuardians {
    const random = this.random;
    if (random.chance(0.15)) {
      const relationship = random.weighted<RelationshipCode>([
        ['10', 70],
        ['20', 18],
        ['50', 8],
        ['39', 4],
      ]);
      const parent = relationship === '10' || relationship === '20';
      const sex: Sex = relationship === '10' ? 'F' : relationship === '20' ? 'M' : this.sex();
      const lastName = parent ? familyName : this.otherLastName(familyName);
      const guardian = this.guardian(sex, lastName, home, true, homePhone);
      return { members: [{ guardian, relationship }], childLastName: familyName };
    }

    const splitNames = random.chance(0.1);
    const motherName = splitNames ? this.otherLastName(familyName) : familyName;
    // Rarely another relative, not a father, holds the second legal responsibility.
    const partnerRelationship: RelationshipCode = random.chance(0.02) ? '39' : '20';
    const partnerSex: Sex = partnerRelationship === '20' ? 'M' : this.sex();
    const partnerName = partnerRelationship === '20' ? familyName : this.otherLastName(familyName);
    const motherFirst = random.chance(0.6);
    // The legal 1 lives with the child; a separated legal 2 lives elsewhere.
    const separated = random.chance(0.15);
    const secondHome = separated ? homeAddress(random) : home;
    const secondPhone = separated ? (random.chance(0.3) ? landlinePhone(random) : '') : homePhone;

    const mother: Member = {
      guardian: motherFirst
        ? this.guardian('F', motherName, home, true, homePhone)
        : this.guardian('F', motherName, secondHome, !separated, secondPhone),
      relationship: '10',
    };
    const partner: Member = {
      guardian: motherFirst
        ? this.guardian(partnerSex, partnerName, secondHome, !separated, secondPhone)
        : this.guardian(partnerSex, partnerName, home, true, homePhone),
      relationship: partnerRelationship,
    };
    const childLastName = splitNames && random.chance(0.3) ? motherName : familyName;
    return {
      members: motherFirst ? [mother, partner] : [partner, mother],
      childLastName,
    };
  }

  private thirdPerson(familyName: string): ThirdPerson {
    const random = this.random;
    const relationship = random.weighted<RelationshipCode>([
      ['38', 60],
      ['39', 25],
      ['90', 15],
    ]);
    const lastName =
      relationship !== '90' && random.chance(0.5) ? familyName : this.otherLastName(familyName);
    const sex = this.sex();
    const phone = random.chance(0.6) ? landlinePhone(random) : '';
    const guardian = this.guardian(sex, lastName, homeAddress(random), false, phone);
    if (relationship === '38' && random.chance(0.7)) {
      guardian.profession = sex === 'F' ? 'Retraitée' : 'Retraité';
    }
    return { guardian, relationship, level: random.chance(0.7) ? 3 : 2 };
  }

  private guardian(
    sex: Sex,
    lastName: string,
    address: Address,
    sharesAddress: boolean,
    phoneHome: string,
  ): GuardianSeed {
    const random = this.random;
    const firstName = random.chance(0.8)
      ? random.pick(ADULT_FIRST_NAMES[sex])
      : random.firstName(sex);
    const phoneMobile = random.chance(0.92) ? mobilePhone(random) : '';
    const guardian: GuardianSeed = {
      key: `R${String(this.guardians.length + 1).padStart(4, '0')}`,
      civility: sex === 'F' ? 'Mme' : 'M.',
      lastName,
      firstName,
      profession: random.chance(0.04) ? '' : this.profession(sex),
      address: { ...address },
      sharesAddress,
      phoneHome,
      phoneWork: random.chance(0.3) ? landlinePhone(random) : '',
      phoneMobile,
      acceptsSms: phoneMobile !== '' && random.chance(0.88),
      email: random.chance(0.08) ? '' : this.emails.next(firstName, lastName),
    };
    this.guardians.push(guardian);
    return guardian;
  }

  private student(
    slot: Slot,
    day: number,
    legal: LegalGuardians,
    takenFirstNames: Set<string>,
  ): StudentSeed {
    const random = this.random;
    const index = this.students.length;
    const sex = this.sex();
    const firstName = this.childFirstName(index, sex, takenFirstNames);
    takenFirstNames.add(firstName);
    const firstName2 = random.chance(0.55) ? this.middleName(sex, [firstName]) : '';
    const firstName3 =
      firstName2 !== '' && random.chance(0.3) ? this.middleName(sex, [firstName, firstName2]) : '';
    const birthPlace = random.weighted(BIRTH_PLACES);
    const legal1 = legal.members[0].guardian;
    const sameAddress = random.chance(0.96);
    const older = slot.levelIndex >= 2;
    const lastName = legal.childLastName;
    return {
      key: `E${String(index + 1).padStart(4, '0')}`,
      ine: this.ine(),
      lastName,
      firstName,
      firstName2,
      firstName3,
      sex,
      birthDate: isoDate(day),
      birthCommune: birthPlace.commune,
      birthDepartment: birthPlace.department,
      birthCountry: 'FRANCE',
      divisionCode: slot.divisionCode,
      regime: random.weighted<Regime>([
        ['demi_pensionnaire', 80],
        ['externe', 17],
        ['interne', 3],
      ]),
      address: sameAddress ? { ...legal1.address } : homeAddress(random),
      addressSameAsGuardian1: sameAddress,
      phoneHome: '',
      phoneMobile: random.chance(older ? 0.45 : 0.12) ? mobilePhone(random) : '',
      email: random.chance(older ? 0.3 : 0.08) ? this.emails.next(firstName, lastName) : '',
      leftOn: null,
    };
  }

  /** Born in the civil year that matches the level (6e: start − 11), after any older sibling. */
  private birthDay(
    levelIndex: number,
    previous: { levelIndex: number; day: number } | null,
  ): number {
    // Same level as the previous sibling: twins.
    if (previous && previous.levelIndex === levelIndex) return previous.day;
    const birthYear = this.yearStart - 11 - levelIndex;
    const earliest = dayNumber(birthYear, 1, 1);
    const lo = previous ? Math.max(earliest, previous.day + MIN_DAYS_BETWEEN_SIBLINGS) : earliest;
    return this.random.int(lo, dayNumber(birthYear, 12, 31));
  }

  private childFirstName(index: number, sex: Sex, taken: Set<string>): string {
    const tricky = TRICKY_FIRST_NAMES[sex];
    // Every twelfth child gets a name with an accent, a diaeresis or a hyphen.
    if (index % 12 === 5) {
      const name = tricky[Math.floor(index / 12) % tricky.length];
      if (name !== undefined && !taken.has(name)) return name;
    }
    for (;;) {
      const name = this.random.chance(0.75)
        ? this.random.pick(CHILD_FIRST_NAMES[sex])
        : this.random.firstName(sex);
      if (!taken.has(name)) return name;
    }
  }

  /** Middle names come from faker's older pool, as they are often a grandparent's. */
  private middleName(sex: Sex, avoid: readonly string[]): string {
    for (;;) {
      const name = this.random.firstName(sex);
      if (!avoid.includes(name)) return name;
    }
  }

  private anyLastName(): string {
    return this.random.chance(0.5) ? this.random.lastName() : this.random.pick(REGIONAL_LAST_NAMES);
  }

  private otherLastName(avoid: string): string {
    for (;;) {
      const name = this.anyLastName();
      if (name !== avoid) return name;
    }
  }

  private profession(sex: Sex): string {
    const [masculine, feminine] = this.random.pick(PROFESSIONS);
    return sex === 'F' ? feminine : masculine;
  }

  private sex(): Sex {
    return this.random.chance(0.5) ? 'F' : 'M';
  }

  private ine(): string {
    for (;;) {
      const ine = this.random.digits(10) + this.random.pick(INE_LETTERS);
      if (!this.ines.has(ine)) {
        this.ines.add(ine);
        return ine;
      }
    }
  }

  private link(
    student: StudentSeed,
    member: Member,
    legalRank: 1 | 2 | null,
    responsibilityLevel: ResponsibilityLevel,
  ): void {
    this.links.push({
      studentKey: student.key,
      guardianKey: member.guardian.key,
      relationship: member.relationship,
      legalRank,
      responsibilityLevel,
    });
  }
}
