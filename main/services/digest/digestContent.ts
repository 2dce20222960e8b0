import { addDays, parisDay, parisStartOfDay } from '../../../shared/domain/publication/parisDays';
import {
  schoolLifeVisibility,
  schoolLifeVisibleFrom,
} from '../../../shared/domain/publication/schoolLifePublication';
import type { SchoolLifeEventKind } from '../../../shared/domain/vieScolaire/eventKinds';
import { readBool, type PreparedReads } from '../../db/preparedReads';
import { countNewMarks } from '../portal/readModels/notes';
import {
  DIGEST_CHILDREN,
  DIGEST_EVENTS,
  type DigestChildRow,
  type DigestEventRow,
} from './digestReads';

/** What is new for one child: counts only, never a mark or a sanction (docs/EMAILS.md). */
export interface DigestChildNews {
  studentId: number;
  firstName: string;
  marks: number;
  events: number;
}

const opened = (row: DigestChildRow, service: string) =>
  row.openedServices.split(',').includes(service);

/**
 * The instant an event reached the family: its J+1 morning, or later when it was recorded
 * after that, or when the family was told of it (a sanction shows only then). An event made
 * « publiable en ligne » long after it was recorded carries no date of that change and is not
 * counted: the digest may miss it, the portal still shows it.
 */
function reachedFamilyAt(row: DigestEventRow): number {
  const times = [
    parisStartOfDay(schoolLifeVisibleFrom({ startedAt: row.startsAt })).getTime(),
    new Date(row.recordedAt).getTime(),
  ];
  // Only a sanction waits for « famille avisée »: an absence's later notice is no new event.
  if (row.kind === 'sanction' && row.familyNotifiedAt) {
    times.push(new Date(row.familyNotifiedAt).getTime());
  }
  return Math.max(...times);
}

async function newEvents(
  reads: PreparedReads,
  accountId: number,
  child: DigestChildRow,
  viewer: 'student' | 'parent',
  since: string,
  now: Date,
): Promise<number> {
  const earliest = parisStartOfDay(addDays(parisDay(since), -1)).toISOString();
  const rows = await reads.all<DigestEventRow>(DIGEST_EVENTS, [
    accountId,
    child.studentId,
    since,
    earliest,
  ]);
  const today = parisDay(now);
  return rows.filter((row) => {
    const visibility = schoolLifeVisibility(
      {
        kind: row.kind as SchoolLifeEventKind,
        startedAt: row.startsAt,
        publishableOnline: readBool(row.publishableOnline),
        familyNotified: row.familyNotifiedAt !== null,
      },
      viewer,
      today,
    );
    if (!visibility.visible) return false;
    const at = reachedFamilyAt(row);
    return at > new Date(since).getTime() && at <= now.getTime();
  }).length;
}

/**
 * What reached the account's children since `since`, as the portal's own rules decide it: the
 * notes page's « new » (seen by this account's kind: a pupil may see a mark before a parent)
 * and the vie scolaire's publication rule. Children with nothing new are left out.
 */
export async function digestNews(
  reads: PreparedReads,
  account: { accountId: number; kind: 'guardian' | 'student' },
  since: string,
  now: Date,
): Promise<DigestChildNews[]> {
  const children = await reads.all<DigestChildRow>(DIGEST_CHILDREN, [account.accountId]);
  const viewer = account.kind === 'student' ? 'student' : 'parent';
  const today = parisDay(now);
  const news: DigestChildNews[] = [];
  for (const child of children) {
    const studentId = Number(child.studentId);
    const marks = opened(child, 'notes')
      ? await countNewMarks(reads, account, child, { asOf: today, now, since })
      : 0;
    const events = opened(child, 'vie_scolaire')
      ? await newEvents(reads, account.accountId, child, viewer, since, now)
      : 0;
    if (marks + events > 0) news.push({ studentId, firstName: child.firstName, marks, events });
  }
  return news;
}
