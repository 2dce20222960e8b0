import type { Address } from '../api/fields';

/** An address a letter could reach: a street line or a town. */
export function hasAddress(address: Address): boolean {
  return address.line1.trim() !== '' || address.city.trim() !== '';
}
