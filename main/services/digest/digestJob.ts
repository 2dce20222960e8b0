import { TZDate } from '@date-fns/tz';
import { digestDue } from '../../../shared/domain/digest/digestSchedule';
import { parisDay } from '../../../shared/domain/publication/parisDays';
import type { Database } from '../../db/database';
import { DigestUnsubscribeTokenEntity, FamilyDigestEntity } from '../../db/entities';
import { preparedReads } from '../../db/preparedReads';
import type { Mailer } from '../../mail/types';
import { LessThan } from 'typeorm';
import { writeAudit } from '../audit/audit';
import { SCHOOL_TIME_ZONE } from '../calendar';
import type { Clock } from '../clock';
import { hashToken, newSessionToken } from '../secrets';
import { digestNews } from './digestContent';
import { DIGEST_ACCOUNTS, type DigestAccountRow } from './digestReads';

export const DIGEST_JOB = 'mail.familyDigest';
/** An unsubscribe link works as long as a family may keep a message before acting on it. */
const LINK_DAYS = 60;

const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);
const base = (url: string) => url.trim().replace(/\/+$/, '');

/**
 * Sends each family that asked for it its digest of what is new, when due (digestDue: from
 * the school's hour, never at night, once a Paris day). Run every hour and once at start, so
 * a closed app catches up at the next start of the day's window; an account with nothing new
 * gets nothing and is looked at again the next hour. The journal gets the count only.
 */
export async function sendDueDigests(db: Database, clock: Clock, mailer: Mailer): Promise<number> {
  const now = clock.now();
  const today = parisDay(now);
  const parisHour = new TZDate(now.getTime(), SCHOOL_TIME_ZONE).getHours();
  const reads = preparedReads(db.dataSource);
  const accounts = await reads.all<DigestAccountRow>(DIGEST_ACCOUNTS, [true]);
  const sentBySchool = new Map<number, number>();
  for (const account of accounts) {
    const schoolHour = account.schoolHour === null ? null : Number(account.schoolHour);
    if (!digestDue({ parisHour, parisDay: today, schoolHour, lastSentOn: account.lastSentOn })) {
      continue;
    }
    // Seen on the portal since the last digest: not news any more.
    const since = later(account.sinceAt, account.lastLoginAt);
    const news = await digestNews(reads, account, since, now);
    if (news.length === 0) continue;
    const sent = await db.transaction(async (m) => {
      // Claimed for today by one process only (several may share a PostgreSQL base).
      const claim = await m
        .createQueryBuilder()
        .update(FamilyDigestEntity)
        .set({ lastSentOn: today, sinceAt: now.toISOString() })
        .where('account_id = :id AND enabled = :on', { id: account.accountId, on: true })
        .andWhere('(last_sent_on IS NULL OR last_sent_on <> :today)', { today })
        .execute();
      if (!claim.affected) return false;
      const token = newSessionToken();
      await m.getRepository(DigestUnsubscribeTokenEntity).insert({
        accountId: account.accountId,
        tokenHash: hashToken(token),
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000).toISOString(),
      });
      const portal = base(account.portalUrl);
      const unsubscribeLink = `${portal}/resume/desabonnement?jeton=${encodeURIComponent(token)}`;
      await mailer.enqueue(m, {
        schoolId: account.schoolId,
        accountId: account.accountId,
        to: account.email,
        template: 'family-digest',
        data: {
          schoolName: account.schoolName,
          children: news.map(({ firstName, marks, events }) => ({ firstName, marks, events })),
          link: `${portal}/accueil`,
          unsubscribeLink,
        },
        headers: {
          'List-Unsubscribe': `<${unsubscribeLink}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
      return true;
    });
    if (sent) {
      sentBySchool.set(account.schoolId, (sentBySchool.get(account.schoolId) ?? 0) + 1);
    }
  }
  await db.transaction(async (m) => {
    await m
      .getRepository(DigestUnsubscribeTokenEntity)
      .delete({ expiresAt: LessThan(now.toISOString()) });
    // How many went, per school: never to whom nor what (the messages are on « Courriels »).
    for (const [schoolId, count] of sentBySchool) {
      await writeAudit(m, clock, {
        schoolId,
        actor: null,
        action: 'mail.digests_sent',
        targetType: 'school',
        targetId: schoolId,
        targetLabel: '',
        details: { envoyés: count },
      });
    }
  });
  const total = [...sentBySchool.values()].reduce((a, b) => a + b, 0);
  if (total > 0) mailer.kick();
  return total;
}
