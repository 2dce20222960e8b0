import type { EntityManager } from 'typeorm';

/**
 * What the services hand to the mail layer. A message is written to the outbox inside the
 * caller's transaction (it exists if and only if the change that causes it commits), then
 * sent after commit by the outbox sender. main/mail knows transports and templates, not
 * accounts.
 */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Kept sealed (encrypted) in the outbox until sent, then erased: a letter holds a password. */
  content: Buffer;
}

export interface OutgoingMail {
  schoolId: number | null;
  to: string;
  /** A template of main/mail/templates (listed in docs/EMAILS.md). */
  template: string;
  /** The template's values (names, links, dates); never stored beyond the rendered text. */
  data: Record<string, unknown>;
  attachments?: MailAttachment[];
  /** Extra headers (the digest's List-Unsubscribe); kept sealed while the message waits. */
  headers?: Record<string, string>;
  /** The family account concerned, for the « Courriels » screen and the account's history. */
  accountId?: number | null;
  /** The vie scolaire event it tells of (an absence notice): purged with it at the end of the year. */
  schoolLifeEventId?: number | null;
}

export interface Mailer {
  /** Renders the template and writes the outbox row with the caller's manager (transaction). */
  enqueue(manager: EntityManager, mail: OutgoingMail): Promise<number>;
  /** Asks the sender to work the outbox now (call after the transaction commits). */
  kick(): void;
}
