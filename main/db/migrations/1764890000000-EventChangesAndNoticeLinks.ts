import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn, TableIndex } from 'typeorm';

/**
 * Issue 17 §5: the end-of-year purge erases only what the school's last archive shows as it
 * is. An event records when it was last changed (motif, processing, justification, « famille
 * avisée », publication, a roll's correction), so the purge can refuse an event changed after
 * that archive. Null: not changed since it was recorded (or changed before this column).
 *
 * An absence notice e-mailed names the child and the days: its outbox row now says which event
 * it tells of, so the purge erases the notices of the events it erases, and only those (a
 * notice sent late for an old absence used to outlive it). No foreign key: the outbox is the
 * mail layer's, and the purge deletes the notices itself, counted in its journal line.
 */
export class EventChangesAndNoticeLinks1764890000000 implements MigrationInterface {
  name = 'EventChangesAndNoticeLinks1764890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'school_life_event',
      new TableColumn({ name: 'updated_at', type: 'varchar', length: '30', isNullable: true }),
    );
    await q.addColumn(
      'mail_outbox',
      new TableColumn({ name: 'school_life_event_id', type: 'integer', isNullable: true }),
    );
    await q.createIndex(
      'mail_outbox',
      new TableIndex({ name: 'ix_mail_outbox_event', columnNames: ['school_life_event_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('mail_outbox', 'ix_mail_outbox_event');
    await q.dropColumn('mail_outbox', 'school_life_event_id');
    await q.dropColumn('school_life_event', 'updated_at');
  }
}
