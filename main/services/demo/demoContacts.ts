import type { Address } from '../../../shared/api/staff';
import { foldForSearch } from '../../../shared/domain/normalize';
import { ADDRESS_COMPLEMENTS, EMAIL_DOMAINS, HOME_COMMUNES } from './demoPlaces';
import type { DemoRandom } from './demoRandom';

export function homeAddress(random: DemoRandom): Address {
  const commune = random.weighted(HOME_COMMUNES);
  return {
    line1: `${random.int(1, 140)} ${random.street()}`,
    line2: random.chance(0.1) ? random.pick(ADDRESS_COMPLEMENTS) : '',
    postalCode: commune.postalCode,
    city: commune.name,
    country: 'FRANCE',
  };
}

export function mobilePhone(random: DemoRandom): string {
  return `0${random.chance(0.8) ? 6 : 7} ${random.digitPairs(4)}`;
}

/** 03 81 is the Doubs landline prefix; 03 63 the newer one. */
export function landlinePhone(random: DemoRandom): string {
  return `03 ${random.chance(0.85) ? '81' : '63'} ${random.digitPairs(3)}`;
}

/** Hands out e-mail addresses, never the same one twice. */
export class EmailBook {
  private readonly used = new Set<string>();
  // Names repeat a lot and Unicode normalisation is the costly part of building an address.
  private readonly slugs = new Map<string, string>();

  constructor(private readonly random: DemoRandom) {}

  next(firstName: string, lastName: string): string {
    const first = this.slug(firstName);
    const last = this.slug(lastName);
    const local = this.random.weighted<string>([
      [`${first}.${last}`, 6],
      [`${first.charAt(0)}.${last}`, 2],
      [`${last}.${first}`, 1],
      [`${first}-${last}${this.random.int(1, 99)}`, 1],
    ]);
    const domain = this.random.pick(EMAIL_DOMAINS);
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    this.used.add(candidate);
    return candidate;
  }

  /** "Lefèvre-Dupont" → "lefevre-dupont", "N'Diaye" → "n-diaye": plain ASCII for a mailbox. */
  private slug(name: string): string {
    let slug = this.slugs.get(name);
    if (slug === undefined) {
      slug = foldForSearch(name).replace(/ /g, '-');
      this.slugs.set(name, slug);
    }
    return slug;
  }
}
