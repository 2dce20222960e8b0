import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * R511-13-1 (décret 2019-906): a sanction « assortie du sursis » carries the time during which
 * the sursis may be revoked, set by the authority that pronounced it. Null without a sursis.
 */
export class SuspensionRevocableUntil1764880000000 implements MigrationInterface {
  name = 'SuspensionRevocableUntil1764880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'school_life_event',
      new TableColumn({ name: 'suspended_until', type: 'varchar', length: '10', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('school_life_event', 'suspended_until');
  }
}
