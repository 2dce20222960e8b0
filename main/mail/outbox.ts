import { join } from 'node:path';
import { In, LessThanOrEqual } from 'typeorm';
import type { Database } from '../db/database';
import { MailOutboxEntity, MailSettingsEntity, SchoolEntity } from '../db/entities';
import type { MailOutboxRow, MailSettingsRow } from '../db/entities/mail';
import { digestSendDecision } from '../../shared/domain/digest/digestSchedule';
import { singleAddressProblem } from '../../shared/domain/emailAddress';
import type { SecretBox } from './secretBox';
import { renderTemplate } from './templates';
import { folderTransport, smtpTransport, type MailTransport } from './transports';
import type { Mailer, OutgoingMail } from './types';

/** Waits between attempts after a temporary failure; past the last, the message has failed. */
export const BACKOFF_MS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
];
const BATCH = 20;
/**
 * Messages whose link works (confirm an address, choose a new password): the token is kept
 * hashed in account_token, so the message's body must not hold it readable either.
 */
const LINK_TEMPLATES = new Set([
  'account-confirm-email',
  'account-password-reset',
  'family-digest',
]);
const SEALED = 'scellé:';
const LINK_REMOVED = '(message envoyé ; son lien n’est plus conservé)';
const TICK_MS = 30_000;

export interface MailerDeps {
  db: Database;
  now: () => Date;
  /** Where the folder transport writes its .eml files (inside the data folder). */
  mailDir: string;
  box: SecretBox;
  logger: { error(message: string, summary: { name: string; message: string }): void };
  /** Tests: make the sender's own timer idle (they call `work()` themselves). */
  manual?: boolean;
}

/** 4xx, a dropped connection, a timeout: worth trying again. 5xx or a refused address: not. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A reason staff can read, without the message's content. */
function reason(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const text = (e.response ?? e.message ?? 'erreur inconnue').replace(/\s+/g, ' ').slice(0, 240);
  return [e.responseCode, e.code, text].filter(Boolean).join(' ');
}

export function createMailer(deps: MailerDeps): Mailer & {
  start(): Promise<void>;
  stop(): Promise<void>;
  work(): Promise<number>;
  /** A queued body as it will be sent (tests read the links in it). */
  openBody(body: string): string;
} {
  const { db, box } = deps;
  const transports = new Map<string, MailTransport>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  /** A body that carries a working link is kept sealed while it waits, and erased once sent. */
  const sealBody = (template: string, body: string) =>
    LINK_TEMPLATES.has(template) ? `${SEALED}${box.seal(Buffer.from(body, 'utf8'))}` : body;
  const openBody = (body: string) =>
    body.startsWith(SEALED) ? box.open(body.slice(SEALED.length)).toString('utf8') : body;

  async function enqueue(manager: Parameters<Mailer['enqueue']>[0], mail: OutgoingMail) {
    const rendered = renderTemplate(mail.template, mail.data);
    const attachments = mail.attachments?.length
      ? box.seal(
          Buffer.from(
            JSON.stringify(
              mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content.toString('base64'),
              })),
            ),
          ),
        )
      : null;
    const nowIso = deps.now().toISOString();
    const result = await manager.getRepository(MailOutboxEntity).insert({
      schoolId: mail.schoolId,
      accountId: mail.accountId ?? null,
      schoolLifeEventId: mail.schoolLifeEventId ?? null,
      template: mail.template,
      toAddress: mail.to,
      subject: rendered.subject,
      textBody: sealBody(mail.template, rendered.text),
      htmlBody: sealBody(mail.template, rendered.html),
      attachments,
      headers: mail.headers ? box.seal(Buffer.from(JSON.stringify(mail.headers), 'utf8')) : null,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: nowIso,
      lastError: '',
      messageId: '',
      createdAt: nowIso,
      sentAt: null,
    });
    return Number(result.identifiers[0]!.id);
  }

  async function transportFor(
    schoolId: number | null,
  ): Promise<{ transport: MailTransport; from: string; fromAddress: string }> {
    const settings: MailSettingsRow | null = schoolId
      ? await db.manager.getRepository(MailSettingsEntity).findOneBy({ schoolId })
      : null;
    const school = schoolId
      ? await db.manager.getRepository(SchoolEntity).findOneBy({ id: schoolId })
      : null;
    const address = settings?.fromAddress || school?.email || 'pupitre@localhost';
    const name = settings?.fromName || school?.name || 'Pupitre';
    const from = `"${name.replace(/"/g, '')}" <${address}>`;
    const key =
      settings?.transport === 'smtp' ? `smtp:${settings.id}:${settings.updatedAt}` : 'folder';
    let transport = transports.get(key);
    if (!transport) {
      transport =
        settings?.transport === 'smtp'
          ? smtpTransport(settings, box)
          : folderTransport(deps.mailDir);
      transports.set(key, transport);
    }
    return { transport, from, fromAddress: address };
  }

  async function sendOne(row: MailOutboxRow): Promise<void> {
    // Claimed by one sender only (several portal processes may share a PostgreSQL base).
    const claimed = await db.transaction((m) =>
      m
        .getRepository(MailOutboxEntity)
        .update({ id: row.id, status: 'queued' }, { status: 'sending' }),
    );
    if (!claimed.affected) return;
    const attempts = row.attempts + 1;
    // The last guard: a list, a group or a line break in `to` (a value that slipped past the
    // import or a form) would carry a letter's password to a second or hidden recipient. Such
    // a message fails for good, with its reason, and nothing reaches the server. It can never
    // be sent, so its letter (a password) leaves the database now.
    const recipientProblem = singleAddressProblem(row.toAddress);
    if (recipientProblem) {
      await db.transaction((m) =>
        m.getRepository(MailOutboxEntity).update(row.id, {
          status: 'failed',
          attempts,
          attachments: null,
          lastError: `Non envoyé : l’adresse du destinataire est refusée, ${recipientProblem}`,
        }),
      );
      return;
    }
    // A family digest never goes at night, even on a retry or from yesterday's queue.
    if (row.template === 'family-digest') {
      const decision = digestSendDecision(row.createdAt, deps.now());
      if (decision.kind !== 'send') {
        await db.transaction((m) =>
          m
            .getRepository(MailOutboxEntity)
            .update(
              row.id,
              decision.kind === 'hold'
                ? { status: 'queued', nextAttemptAt: decision.until }
                : { status: 'failed', attempts, lastError: decision.reason },
            ),
        );
        return;
      }
    }
    try {
      const { transport, from, fromAddress } = await transportFor(row.schoolId);
      const attachments = row.attachments
        ? (
            JSON.parse(box.open(row.attachments).toString('utf8')) as {
              filename: string;
              contentType: string;
              content: string;
            }[]
          ).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content, 'base64'),
          }))
        : [];
      const result = await transport.send(
        {
          confidential: LINK_TEMPLATES.has(row.template) || row.template === 'account-letter',
          from,
          to: row.toAddress,
          envelope: { from: fromAddress, to: [row.toAddress] },
          subject: row.subject,
          text: openBody(row.textBody),
          html: openBody(row.htmlBody),
          attachments,
          ...(row.headers
            ? {
                headers: JSON.parse(box.open(row.headers).toString('utf8')) as Record<
                  string,
                  string
                >,
              }
            : {}),
        },
        row.id,
      );
      if (result.rejected.length > 0) {
        throw Object.assign(
          new Error(`adresse refusée par le serveur : ${result.rejected.join(', ')}`),
          {
            responseCode: 550,
          },
        );
      }
      await db.transaction((m) =>
        m.getRepository(MailOutboxEntity).update(row.id, {
          status: 'sent',
          attempts,
          sentAt: deps.now().toISOString(),
          messageId: result.messageId.slice(0, 200),
          lastError: '',
          // The letter (and its password) leaves the database once delivered, and so does a
          // link that works (confirmation, new password).
          attachments: null,
          headers: null,
          ...(LINK_TEMPLATES.has(row.template)
            ? { textBody: LINK_REMOVED, htmlBody: LINK_REMOVED }
            : {}),
        }),
      );
    } catch (error) {
      const permanent = isPermanent(error) || attempts > BACKOFF_MS.length;
      await db.transaction((m) =>
        m.getRepository(MailOutboxEntity).update(row.id, {
          status: permanent ? 'failed' : 'queued',
          attempts,
          lastError: reason(error),
          nextAttemptAt: new Date(
            deps.now().getTime() + (BACKOFF_MS[attempts - 1] ?? 0),
          ).toISOString(),
        }),
      );
    }
  }

  /** Sends what is due, in order, until nothing is; returns how many were tried. */
  async function workOnce(): Promise<number> {
    let tried = 0;
    for (;;) {
      const due = await db.manager.getRepository(MailOutboxEntity).find({
        where: { status: 'queued', nextAttemptAt: LessThanOrEqual(deps.now().toISOString()) },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (due.length === 0 || stopped) return tried;
      for (const row of due) {
        await sendOne(row);
        tried++;
      }
    }
  }

  function work(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = workOnce()
      .catch((error: unknown) => {
        deps.logger.error('L’envoi des courriels a échoué', {
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message.slice(0, 300) : 'non-Error thrown',
        });
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void work();
        }
      });
    return running;
  }

  return {
    enqueue,
    openBody,
    kick() {
      if (!deps.manual && !stopped) setImmediate(() => void work());
    },
    work,
    async start() {
      stopped = false;
      // A crash mid-send leaves rows « sending »: they go back to the queue, nothing is lost.
      await db.transaction((m) =>
        m.getRepository(MailOutboxEntity).update({ status: In(['sending']) }, { status: 'queued' }),
      );
      if (deps.manual) return;
      timer = setInterval(() => void work(), TICK_MS);
      timer.unref();
      void work();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      for (const t of transports.values()) t.close();
      transports.clear();
    },
  };
}

export const mailFolder = (dataDir: string) => join(dataDir, 'courriels');
