import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailSettingsRow } from '../db/entities/mail';
import type { SecretBox } from './secretBox';

export interface OutgoingMessage {
  /** Holds a password (a letter) or a working link: not kept on disk beyond its use. */
  confidential?: boolean;
  from: string;
  to: string;
  /**
   * The SMTP envelope, built by the sender rather than parsed from the headers by nodemailer:
   * MAIL FROM the school's address, RCPT TO exactly the one address checked.
   */
  envelope: { from: string; to: [string] };
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  headers?: Record<string, string>;
}

export interface SendResult {
  messageId: string;
  /** Addresses the server refused although it did not throw (nodemailer's `info.rejected`). */
  rejected: string[];
}

export interface MailTransport {
  send(message: OutgoingMessage, id: number): Promise<SendResult>;
  close(): void;
}

/** Letters (a provisional password) and links, written by the folder transport. */
export const CONFIDENTIAL_SUFFIX = '-confidentiel.eml';
/** As long as a link works (one week): then the file goes, as a batch's PDF goes after a day. */
export const CONFIDENTIAL_DAYS = 7;

/** Deletes the confidential .eml files older than CONFIDENTIAL_DAYS; returns how many. */
export function tidyMailFolder(dir: string, now: Date): number {
  if (!existsSync(dir)) return 0;
  const cutoff = now.getTime() - CONFIDENTIAL_DAYS * 86_400_000;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(CONFIDENTIAL_SUFFIX)) continue;
    const path = join(dir, name);
    if (statSync(path).mtimeMs < cutoff) {
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}

/**
 * The default: every message written as an .eml file in the data folder, so a school
 * without an SMTP server still sees (and can forward) each one.
 */
export function folderTransport(dir: string): MailTransport {
  const writer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  return {
    async send(message, id) {
      const { confidential, ...mail } = message;
      const info = (await writer.sendMail(mail)) as { message: Buffer; messageId: string };
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const day = new Date().toISOString().slice(0, 10);
      const suffix = confidential ? CONFIDENTIAL_SUFFIX : '.eml';
      writeFileSync(join(dir, `${day}-${String(id).padStart(6, '0')}${suffix}`), info.message, {
        mode: 0o600,
      });
      return { messageId: info.messageId, rejected: [] };
    },
    close() {},
  };
}

/** The school's SMTP server: pooled, and rate-limited for the whole pool. */
export function smtpTransport(settings: MailSettingsRow, box: SecretBox): MailTransport {
  const password = settings.passwordSealed
    ? box.open(settings.passwordSealed).toString('utf8')
    : '';
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.username ? { auth: { user: settings.username, pass: password } } : {}),
    pool: true,
    maxConnections: 2,
    rateLimit: Math.max(1, settings.perMinute),
    rateDelta: 60_000,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      return {
        messageId: info.messageId,
        rejected: ((info.rejected ?? []) as (string | { address: string })[]).map((r) =>
          typeof r === 'string' ? r : r.address,
        ),
      };
    },
    close() {
      transport.close();
    },
  };
}
