import { randomInt } from 'node:crypto';
import { PROVISIONAL_ALPHABET, PROVISIONAL_LENGTH } from '../../../shared/domain/accounts';

/** 8 capitals and digits from the CSPRNG, without look-alikes (SPEC §4.1). */
export function provisionalPassword(): string {
  let value = '';
  for (let i = 0; i < PROVISIONAL_LENGTH; i++) {
    value += PROVISIONAL_ALPHABET[randomInt(PROVISIONAL_ALPHABET.length)];
  }
  return value;
}
