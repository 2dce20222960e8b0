import { Faker, base, fr } from '@faker-js/faker';
import type { Sex } from './demoNames';

/**
 * The generator's only source of randomness: one seeded faker, so that the same
 * options always give the same school.
 */
export class DemoRandom {
  private readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [fr, base] });
    this.faker.seed(seed);
  }

  chance(probability: number): boolean {
    return this.faker.number.float() < probability;
  }

  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.faker.number.float() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted() needs at least one entry');
    return last[0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.faker.helpers.shuffle([...items]);
  }

  digits(length: number): string {
    return this.faker.string.numeric({ length, allowLeadingZeros: true });
  }

  /** Two-digit groups, the way French phone numbers are written. */
  digitPairs(count: number): string {
    const pairs: string[] = [];
    for (let i = 0; i < count; i++) pairs.push(String(this.int(0, 99)).padStart(2, '0'));
    return pairs.join(' ');
  }

  firstName(sex: Sex): string {
    return this.faker.person.firstName(sex === 'M' ? 'male' : 'female').trim();
  }

  /** Faker's French list has entries such as "Le gall"; SIECLE capitalises every part. */
  lastName(): string {
    return this.faker.person
      .lastName()
      .trim()
      .replace(
        /(^|[\s'-])(\p{Ll})/gu,
        (_match, sep: string, letter: string) => sep + letter.toUpperCase(),
      );
  }

  street(): string {
    return this.faker.location.street().trim();
  }
}
