import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * Issue 17 §5: how many school years of vie scolaire the school keeps before the end-of-year
 * purge (the RGPD leaves the duration to the school). 1: the current year only, the default
 * SPEC §6 gives (« purged at the end of the school year as the CNIL asks »).
 */
export class SchoolLifeRetention1764760000000 implements MigrationInterface {
  name = 'SchoolLifeRetention1764760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'school_life_setting',
      new TableColumn({ name: 'retention_years', type: 'integer', default: 1 }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('school_life_setting', 'retention_years');
  }
}
