import { LessThan } from 'typeorm';
import { ApiFailure } from '../../../shared/api/result';
import type {
  MailItem,
  MailPage,
  MailSettingsView,
  MailStatusKey,
} from '../../../shared/api/staff/mail';
import { MAIL_STATUSES } from '../../../shared/api/staff/mail';
import type { Database } from '../../db/database';
import { MailOutboxEntity, MailSettingsEntity, SchoolEntity } from '../../db/entities';
import type { MailSettingsRow } from '../../db/entities/mail';
import type { SecretBox } from '../../mail/secretBox';
import type { Mailer } from '../../mail/types';
import { writeAudit } from '../audit/audit';
import type { Clock } from '../clock';
import type { StaffActor } from '../context';

export interface MailServiceDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  box: SecretBox;
  mailDir: string;
}

type SettingsInput = Omit<MailSettingsView, 'passwordSet' | 'folder'> & { password: string };

const DEFAULTS = {
  transport: 'folder' as const,
  host: '',
  port: 587,
  security: 'starttls' as const,
  username: '',
  passwordSealed: null,
  fromAddress: '',
  fromName: '',
  perMinute: 30,
};

/** The « Courriels » screen: the outbox as staff see it, and the school's way of sending. */
export function createMailService({ db, clock, mailer, box, mailDir }: MailServiceDeps) {
  function view(row: Partial<MailSettingsRow> | null): MailSettingsView {
    const s = { ...DEFAULTS, ...(row ?? {}) };
    return {
      transport: s.transport,
      host: s.host,
      port: s.port,
      security: s.security,
      username: s.username,
      passwordSet: Boolean(s.passwordSealed),
      fromAddress: s.fromAddress,
      fromName: s.fromName,
      perMinute: s.perMinute,
      folder: mailDir,
    };
  }

  async function list(
    actor: StaffActor,
    input: { status?: MailStatusKey | undefined; beforeId?: number | undefined; limit: number },
  ): Promise<MailPage> {
    const repo = db.manager.getRepository(MailOutboxEntity);
    const rows = await repo.find({
      where: {
        schoolId: actor.schoolId,
        ...(input.status ? { status: input.status } : {}),
        ...(input.beforeId ? { id: LessThan(input.beforeId) } : {}),
      },
      order: { id: 'DESC' },
      take: input.limit + 1,
    });
    const counts = Object.fromEntries(
      Object.keys(MAIL_STATUSES).map((k) => [k, 0]),
    ) as MailPage['counts'];
    const grouped: { status: MailStatusKey; n: number }[] = await repo
      .createQueryBuilder('m')
      .select('m.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('m.schoolId = :schoolId', { schoolId: actor.schoolId })
      .groupBy('m.status')
      .getRawMany();
    for (const g of grouped) counts[g.status] = Number(g.n);
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((r): MailItem => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt,
        sentAt: r.sentAt,
        nextAttemptAt: r.nextAttemptAt,
        hasAttachment: r.attachments !== null,
      })),
      counts,
      nextBeforeId: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async function retry(actor: StaffActor, id: number): Promise<null> {
    await db.transaction(async (m) => {
      const row = await m
        .getRepository(MailOutboxEntity)
        .findOneBy({ id, schoolId: actor.schoolId });
      if (!row) throw new ApiFailure('not_found', 'Courriel introuvable.');
      if (row.status === 'sent' || row.status === 'sending') {
        throw new ApiFailure('conflict', 'Ce courriel est déjà envoyé ou en cours d’envoi.');
      }
      if (
        row.status === 'failed' &&
        row.template === 'account-letter' &&
        row.attachments === null
      ) {
        throw new ApiFailure(
          'conflict',
          'Le courrier joint n’est plus disponible : préparez un nouveau courrier.',
        );
      }
      await m.getRepository(MailOutboxEntity).update(row.id, {
        status: 'queued',
        nextAttemptAt: clock.now().toISOString(),
      });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'mail.retry',
        targetType: 'mail',
        targetId: row.id,
        targetLabel: row.subject.slice(0, 200),
      });
    });
    mailer.kick();
    return null;
  }

  async function settings(actor: StaffActor): Promise<MailSettingsView> {
    return view(
      await db.manager.getRepository(MailSettingsEntity).findOneBy({ schoolId: actor.schoolId }),
    );
  }

  async function updateSettings(
    actor: StaffActor,
    input: SettingsInput,
  ): Promise<MailSettingsView> {
    return db.transaction(async (m) => {
      const repo = m.getRepository(MailSettingsEntity);
      const existing = await repo.findOneBy({ schoolId: actor.schoolId });
      const before = view(existing);
      const { password, ...fields } = input;
      const passwordSealed = password
        ? box.seal(Buffer.from(password, 'utf8'))
        : (existing?.passwordSealed ?? null);
      const row = { ...fields, passwordSealed, updatedAt: clock.now().toISOString() };
      if (existing) await repo.update(existing.id, row);
      else await repo.insert({ schoolId: actor.schoolId, ...row });
      const after = view({ ...existing, ...row });
      const changes: Record<string, unknown> = {};
      for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
        if (before[key] !== after[key]) changes[key] = { avant: before[key], après: after[key] };
      }
      if (password) changes['mot de passe'] = 'modifié';
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'mail.settings',
        targetType: 'school',
        targetId: actor.schoolId,
        targetLabel: 'Paramètres d’envoi des courriels',
        details: changes,
      });
      return after;
    });
  }

  async function sendTest(actor: StaffActor, to: string): Promise<null> {
    await db.transaction(async (m) => {
      const school = await m.getRepository(SchoolEntity).findOneByOrFail({ id: actor.schoolId });
      await mailer.enqueue(m, {
        schoolId: actor.schoolId,
        to,
        template: 'mail-test',
        data: { schoolName: school.name },
      });
      await writeAudit(m, clock, {
        schoolId: actor.schoolId,
        actor,
        action: 'mail.test',
        targetType: 'mail',
        targetId: '',
        targetLabel: to,
      });
    });
    mailer.kick();
    return null;
  }

  return { list, retry, settings, updateSettings, sendTest };
}

export type MailService = ReturnType<typeof createMailService>;
