import { LessThan } from 'typeorm';
import { ApiFailure } from '../../../../shared/api/result';
import { BIRTH_DATE_BUDGET } from '../../../../shared/domain/accounts';
import { FamilyAccountEntity, type FamilyAccountRow } from '../../../db/entities/accounts';
import { familyAudit } from '../familyAudit';
import { birthDatesOf, type AuthKit } from './authKit';

export const VOID_LETTER =
  'Ce courrier n’est plus valable : trop de dates de naissance erronées ont été saisies. Demandez un nouveau courrier à l’établissement.';

function voidLetter(): never {
  throw new ApiFailure('invalid_input', VOID_LETTER, { birthDate: VOID_LETTER });
}

/** A letter whose budget is spent is refused before any throttle or date is looked at. */
export function refuseIfVoid(account: FamilyAccountRow): void {
  if (account.birthDateMisses >= BIRTH_DATE_BUDGET) voidLetter();
}

/**
 * A date of birth typed against a letter's account (issue 14): dates are few (~365–730), so
 * each letter allows BIRTH_DATE_BUDGET wrong ones, shared by the first connection and the
 * regroupement, then it is void (its provisional password cleared) until the school sends a
 * new letter. Never reset by time. Counted by a conditional update in the transaction that
 * reads the dates, so parallel guesses cannot go past the budget. Returns whether it matched;
 * a void letter is refused with the « ask the school » message.
 */
export async function checkBirthDate(
  kit: AuthKit,
  account: FamilyAccountRow,
  birthDate: string | null,
): Promise<boolean> {
  refuseIfVoid(account);
  const outcome = await kit.db.transaction(async (m) => {
    const repo = m.getRepository(FamilyAccountEntity);
    const dates = await birthDatesOf(m, account);
    if (birthDate !== null && dates.includes(birthDate)) {
      const now = await repo.findOneByOrFail({ id: account.id });
      return now.birthDateMisses >= BIRTH_DATE_BUDGET ? 'void' : 'right';
    }
    const counted = await repo.update(
      { id: account.id, birthDateMisses: LessThan(BIRTH_DATE_BUDGET) },
      { birthDateMisses: () => 'birth_date_misses + 1' },
    );
    if (counted.affected !== 1) return 'void';
    const now = await repo.findOneByOrFail({ id: account.id });
    if (now.birthDateMisses < BIRTH_DATE_BUDGET) return 'wrong';
    // The letter's password no longer opens anything; a session already open can only
    // reach the first connection, which now refuses with the same message.
    await repo.update(account.id, {
      passwordHash: null,
      updatedAt: kit.clock.now().toISOString(),
    });
    // No date in the journal: only that the budget is spent.
    await familyAudit(m, kit.clock, account, 'account.letter_voided', {
      motif: 'trop d’erreurs de date de naissance',
      erreurs: BIRTH_DATE_BUDGET,
    });
    return 'voided';
  });
  if (outcome === 'void' || outcome === 'voided') voidLetter();
  return outcome === 'right';
}
