import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { MailOutboxEntity } from '../../db/entities/mail';

/**
 * A letter waiting in the outbox (queued, or failed and retryable) carries a password that a
 * newer letter, a reset or a closure has voided: it is marked failed with the reason, and
 * its attachment (the PDF with the password) erased, in the caller's transaction.
 */
export async function voidQueuedLetters(
  m: EntityManager,
  accountIds: number[],
  reason: string,
): Promise<void> {
  for (let i = 0; i < accountIds.length; i += 500) {
    await m.getRepository(MailOutboxEntity).update(
      {
        accountId: In(accountIds.slice(i, i + 500)),
        template: 'account-letter',
        status: In(['queued', 'failed']),
      },
      { status: 'failed', lastError: reason, attachments: null },
    );
  }
}
