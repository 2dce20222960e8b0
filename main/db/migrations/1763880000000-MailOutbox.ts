import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
  ...(isNullable ? {} : { default: "''" }),
});

/**
 * The e-mail outbox (a message exists if and only if the change that causes it committed)
 * and each school's way of sending: a folder of .eml files by default, or its SMTP server,
 * whose password is kept sealed.
 */
export class MailOutbox1763880000000 implements MigrationInterface {
  name = 'MailOutbox1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          id(),
          { name: 'school_id', type: 'integer', isNullable: true },
          { name: 'account_id', type: 'integer', isNullable: true },
          str('template', 40),
          str('to_address', 254),
          str('subject', 300),
          { name: 'text_body', type: 'text' },
          { name: 'html_body', type: 'text' },
          // Attachments (a letter holds a password) sealed with the installation's key, and
          // erased once the message is sent.
          { name: 'attachments', type: 'text', isNullable: true },
          str('status', 12),
          { name: 'attempts', type: 'integer', default: 0 },
          str('next_attempt_at', 30),
          str('last_error', 300),
          str('message_id', 200),
          str('created_at', 30),
          str('sent_at', 30, true),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['school_id'],
            referencedTableName: 'school',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({
            name: 'ix_mail_outbox_due',
            columnNames: ['status', 'next_attempt_at'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mail_settings',
        columns: [
          id(),
          { name: 'school_id', type: 'integer' },
          str('transport', 10),
          str('host', 200),
          { name: 'port', type: 'integer', default: 587 },
          str('security', 10),
          str('username', 200),
          { name: 'password_sealed', type: 'text', isNullable: true },
          str('from_address', 254),
          str('from_name', 200),
          { name: 'per_minute', type: 'integer', default: 30 },
          str('updated_at', 30),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['school_id'],
            referencedTableName: 'school',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({
            name: 'ux_mail_settings_school',
            columnNames: ['school_id'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('mail_settings');
    await q.dropTable('mail_outbox');
  }
}
