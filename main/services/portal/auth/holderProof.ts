import { ApiFailure } from '../../../../shared/api/result';
import { FamilyAccountEntity, type FamilyAccountRow } from '../../../db/entities/accounts';
import { reserveOrWait, type AuthKit } from './authKit';
import { checkBirthDate, refuseIfVoid } from './birthDateBudget';

/**
 * The regroupement's proof (SPEC §4.4): the other account's identifiant and password, and
 * for a never-activated one the date of birth of one of its children; throttled as a login.
 */
export async function proveHolder(
  kit: AuthKit,
  input: { login: string; password: string; birthDate?: string | undefined },
  address: string,
): Promise<FamilyAccountRow> {
  const { db, throttle } = kit;
  const other = await db.manager
    .getRepository(FamilyAccountEntity)
    .findOneBy({ login: input.login });
  await reserveOrWait(throttle, input.login, address);
  if (!other || !(await kit.checkPassword(input.password, other.passwordHash ?? null))) {
    // A form error about the other account: the caller's own session is not in question.
    const message = 'Identifiant ou mot de passe du compte à regrouper incorrect.';
    throw new ApiFailure('invalid_input', message, { password: message });
  }
  await throttle.succeeded(input.login, address);
  if (other.state === 'provisional') {
    // Dates of birth are few: guessed here as at the first connection, they are throttled.
    const dateKey = `naissance:${other.login}`;
    refuseIfVoid(other);
    await reserveOrWait(throttle, dateKey, address);
    // Wrong dates here spend the same letter's budget as at the first connection (issue 14).
    // A date left empty is asked for, not counted.
    if (!input.birthDate || !(await checkBirthDate(kit, other, input.birthDate))) {
      const message =
        'Date de naissance : ce compte n’a jamais été activé, indiquez la date de naissance d’un des enfants qui y sont rattachés.';
      throw new ApiFailure('invalid_input', message, { birthDate: message });
    }
    await throttle.succeeded(dateKey, address);
  }
  return other;
}
