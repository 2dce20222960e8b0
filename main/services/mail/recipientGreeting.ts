import type { EntityManager } from 'typeorm';
import { GuardianEntity, SchoolEntity } from '../../db/entities';
import { FamilyAccountEntity } from '../../db/entities/accounts';
import type { Mailer } from '../../mail/types';

/** SIECLE's LC_CIVILITE (« M. », « MME », « Mme ») as a letter addresses the person. */
export function civilityWord(civility: string | null | undefined): 'Madame' | 'Monsieur' | null {
  const key = (civility ?? '').trim().toUpperCase().replace(/\.$/, '');
  if (key === 'MME' || key === 'MADAME') return 'Madame';
  if (key === 'M' || key === 'MR' || key === 'MONSIEUR') return 'Monsieur';
  return null;
}

/**
 * The civility of the guardian who holds the account, when the school recorded it. A message
 * to an address rather than an account (« identifiant oublié ») takes the civility of the
 * guardians whose confirmed address it is, when they all share it.
 */
async function civilityOf(
  m: EntityManager,
  mail: { accountId?: number | null; to: string },
): Promise<string | null> {
  const accounts = mail.accountId
    ? await m.getRepository(FamilyAccountEntity).findBy({ id: mail.accountId })
    : (
        await m
          .getRepository(FamilyAccountEntity)
          .createQueryBuilder('a')
          .where('LOWER(a.email) = :email', { email: mail.to.toLowerCase() })
          .getMany()
      ).filter((a) => a.emailConfirmed);
  const words = new Set<string | null>();
  for (const account of accounts) {
    const guardian = account.guardianId
      ? await m.getRepository(GuardianEntity).findOneBy({ id: account.guardianId })
      : null;
    words.add(civilityWord(guardian?.civility));
  }
  return words.size === 1 ? [...words][0]! : null;
}

/**
 * The mailer the services use: every message about a family account is addressed with the
 * guardian's civility when it is known (« Bonjour Madame, »), and names the school as it
 * writes its name. The services that write the messages need not look these up each;
 * main/mail stays without any knowledge of accounts.
 */
export function withRecipientGreeting(mailer: Mailer): Mailer {
  return {
    kick: () => mailer.kick(),
    enqueue: async (m, mail) => {
      const data = { ...mail.data };
      if (!('civility' in data)) data.civility = await civilityOf(m, mail);
      if (mail.schoolId && !data.schoolName) {
        const school = await m.getRepository(SchoolEntity).findOneBy({ id: mail.schoolId });
        if (school) data.schoolName = school.name;
      }
      return mailer.enqueue(m, { ...mail, data });
    },
  };
}
