import type { SchoolSeed } from '../school/schoolSeed';
import { buildSchoolYear, dayNumber, isoDate } from './demoCalendar';
import { planDivisions } from './demoDivisions';
import { FamilyBuilder } from './demoFamilies';
import { SCHOOL_IDENTITY } from './demoPlaces';
import { DemoRandom } from './demoRandom';

export interface DemoSchoolOptions {
  seed?: number;
  studentCount?: number;
  /** Calendar year of the September the school year starts in. */
  schoolYearStart?: number;
  /**
   * The portal the demo runs (its letters' address and QR code, its e-mails' links): a
   * newcomer following a demo letter must reach it, not a real académie's site.
   */
  portalUrl?: string;
}

/** The desktop app serves the portal there until « Paramètres » says otherwise. */
export const DEFAULT_DEMO_PORTAL_URL = 'http://127.0.0.1:3211/';

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/**
 * A fictional collège, the same one every time for the same options, so that the demo,
 * the tests and the benchmarks all see identical data.
 */
export function generateDemoSchool(options: DemoSchoolOptions = {}): SchoolSeed {
  const seed = options.seed ?? 2026;
  const studentCount = options.studentCount ?? 600;
  const yearStart = options.schoolYearStart ?? 2026;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed: entier attendu (${seed})`);
  if (!Number.isSafeInteger(studentCount) || studentCount < 0) {
    throw new RangeError(`studentCount: entier positif attendu (${studentCount})`);
  }
  if (!Number.isSafeInteger(yearStart) || yearStart < 1900 || yearStart > 2999) {
    throw new RangeError(`schoolYearStart: année attendue (${yearStart})`);
  }

  const random = new DemoRandom(seed);
  const year = buildSchoolYear(yearStart);
  const { divisions, slots } = planDivisions(random, studentCount);

  const families = new FamilyBuilder(random, yearStart);
  let cursor = 0;
  for (const size of familySizes(random, studentCount)) {
    families.addFamily(slots.slice(cursor, cursor + size));
    cursor += size;
  }

  // About 1% have already left; they keep their class so that its history stays readable.
  const placed = families.students.filter((student) => student.divisionCode !== null);
  const leavers = random.shuffle(placed).slice(0, Math.round(studentCount / 100));
  for (const student of leavers) {
    student.leftOn = isoDate(random.int(dayNumber(yearStart, 9, 8), dayNumber(yearStart, 11, 30)));
  }

  return {
    school: demoSchoolIdentity(options.portalUrl ?? DEFAULT_DEMO_PORTAL_URL),
    year,
    divisions,
    students: families.students,
    guardians: families.guardians,
    links: families.links,
  };
}

/**
 * Exact shares rather than independent draws, so that every seed shows the same
 * picture: 75% of families with one child at the collège, 20% with two, 5% with three.
 */
function familySizes(random: DemoRandom, studentCount: number): number[] {
  const familyCount = Math.round(studentCount / 1.3);
  const threes = Math.round(familyCount * 0.05);
  const twos = Math.min(Math.round(familyCount * 0.2), Math.floor((studentCount - 3 * threes) / 2));
  const ones = studentCount - 3 * threes - 2 * twos;
  const sizes = [
    ...Array<number>(ones).fill(1),
    ...Array<number>(twos).fill(2),
    ...Array<number>(threes).fill(3),
  ];
  return random.shuffle(sizes);
}

function demoSchoolIdentity(portalUrl: string): SchoolSeed['school'] {
  const { uaiDigits, academieSlug } = SCHOOL_IDENTITY;
  const uai = uaiDigits + UAI_LETTERS.charAt(Number(uaiDigits) % UAI_LETTERS.length);
  return {
    uai,
    name: SCHOOL_IDENTITY.name,
    address: { ...SCHOOL_IDENTITY.address },
    phone: SCHOOL_IDENTITY.phone,
    email: `ce.${uai.toLowerCase()}@ac-${academieSlug}.fr`,
    academie: SCHOOL_IDENTITY.academie,
    portalUrl,
    publicationDirector: SCHOOL_IDENTITY.publicationDirector,
    welcomeMessage:
      `Bienvenue sur l’espace des familles du ${SCHOOL_IDENTITY.displayName}. ` +
      'Vous y retrouverez les notes, la vie scolaire et les informations de l’établissement. ' +
      `Pour toute question, le secrétariat vous répond au ${SCHOOL_IDENTITY.phone}.`,
  };
}
