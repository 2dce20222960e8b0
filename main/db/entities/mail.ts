import { EntitySchema } from 'typeorm';
import { instant, int, longText, pk, str } from '../columns';

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface MailOutboxRow {
  id: number;
  schoolId: number | null;
  accountId: number | null;
  /**
   * The vie scolaire event the message tells of (an absence notice), null for any other: the
   * end-of-year purge erases the message with the event, whenever it was sent.
   */
  schoolLifeEventId: number | null;
  template: string;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  attachments: string | null;
  /** Extra headers (List-Unsubscribe), sealed JSON: they hold a working link. */
  headers: string | null;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string;
  messageId: string;
  createdAt: string;
  sentAt: string | null;
}

export interface MailSettingsRow {
  id: number;
  schoolId: number;
  transport: 'folder' | 'smtp';
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  username: string;
  passwordSealed: string | null;
  fromAddress: string;
  fromName: string;
  perMinute: number;
  updatedAt: string;
}

export const MailOutboxEntity = new EntitySchema<MailOutboxRow>({
  name: 'MailOutbox',
  tableName: 'mail_outbox',
  columns: {
    id: pk(),
    schoolId: int('school_id', true),
    accountId: int('account_id', true),
    schoolLifeEventId: int('school_life_event_id', true),
    template: str('template', 40),
    toAddress: str('to_address', 254),
    subject: str('subject', 300),
    textBody: longText('text_body'),
    htmlBody: longText('html_body'),
    attachments: { type: 'text', name: 'attachments', nullable: true },
    headers: { type: 'text', name: 'headers', nullable: true },
    status: str('status', 12),
    attempts: int('attempts'),
    nextAttemptAt: instant('next_attempt_at'),
    lastError: str('last_error', 300),
    messageId: str('message_id', 200),
    createdAt: instant('created_at'),
    sentAt: instant('sent_at', true),
  },
});

export const MailSettingsEntity = new EntitySchema<MailSettingsRow>({
  name: 'MailSettings',
  tableName: 'mail_settings',
  columns: {
    id: pk(),
    schoolId: int('school_id'),
    transport: str('transport', 10),
    host: str('host', 200),
    port: int('port'),
    security: str('security', 10),
    username: str('username', 200),
    passwordSealed: { type: 'text', name: 'password_sealed', nullable: true },
    fromAddress: str('from_address', 254),
    fromName: str('from_name', 200),
    perMinute: int('per_minute'),
    updatedAt: instant('updated_at'),
  },
});

export const MAIL_ENTITIES = [MailOutboxEntity, MailSettingsEntity];
