import type { Level } from '../../../shared/domain/school';
import type { DemoRandom } from './demoRandom';

export const COLLEGE_LEVELS = ['6e', '5e', '4e', '3e'] as const satisfies readonly Level[];

/** Classes are opened so that none exceeds this size, which puts them at 24–30 for a normal roll. */
const MAX_CLASS_SIZE = 30;

/** Where one student sits: a level (for the birth year) and a class, or null when not yet placed. */
export interface Slot {
  levelIndex: number;
  divisionCode: string | null;
}

export interface DivisionPlan {
  divisions: { code: string; label: string; level: Level }[];
  /** One slot per student, shuffled so that families end up spread over levels and classes. */
  slots: Slot[];
}

export function planDivisions(random: DemoRandom, studentCount: number): DivisionPlan {
  // About 1% arrive before the class lists are settled, as in any September.
  const unplaced = Math.round(studentCount / 100);
  const placed = studentCount - unplaced;
  const perLevel = Math.max(1, Math.ceil(placed / COLLEGE_LEVELS.length / MAX_CLASS_SIZE));

  const divisions: DivisionPlan['divisions'] = [];
  for (const level of COLLEGE_LEVELS) {
    for (let d = 0; d < perLevel; d++) {
      const letter = divisionLetter(d);
      divisions.push({ code: divisionCode(level, d), label: `${level} ${letter}`, level });
    }
  }

  const slots: Slot[] = [];
  for (let i = 0; i < placed; i++) {
    const levelIndex = i % COLLEGE_LEVELS.length;
    const rank = Math.floor(i / COLLEGE_LEVELS.length);
    const level = COLLEGE_LEVELS[levelIndex] ?? '6e';
    slots.push({ levelIndex, divisionCode: divisionCode(level, rank % perLevel) });
  }
  for (let i = 0; i < unplaced; i++) {
    slots.push({ levelIndex: i % COLLEGE_LEVELS.length, divisionCode: null });
  }
  return { divisions, slots: random.shuffle(slots) };
}

function divisionCode(level: (typeof COLLEGE_LEVELS)[number], index: number): string {
  return `${level.charAt(0)}${divisionLetter(index)}`;
}

/** A, B, … Z, then AA, AB… for rolls beyond 26 classes a level. */
function divisionLetter(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : divisionLetter(Math.floor(index / 26) - 1) + letter;
}
