import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailSettingsRow } from '../db/entities/mail';
import type { SecretBox } from './secretBox';

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
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
      const info = (await writer.sendMail(message)) as { message: Buffer; messageId: string };
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const day = new Date().toISOString().slice(0, 10);
      writeFileSync(join(dir, `${day}-${String(id).padStart(6, '0')}.eml`), info.message, {
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
