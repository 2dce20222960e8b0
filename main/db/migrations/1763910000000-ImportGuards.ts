import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Issue 12 §1: the last SIECLE export applied, per school and per kind of file, with its
 * DATE_EXPORT and HORODATAGE, so that an older export is refused instead of undoing the
 * arrivals, moves and contacts that a newer one brought.
 */
export class ImportGuards1763910000000 implements MigrationInterface {
  name = 'ImportGuards1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'siecle_export_mark',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'school_id', type: 'integer' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'export_date', type: 'varchar', length: '10' },
          // HORODATAGE as 'YYYY-MM-DDTHH:MM:SS'; '' when the file had none.
          { name: 'exported_at', type: 'varchar', length: '19', default: "''" },
          { name: 'file_name', type: 'varchar', length: '200', default: "''" },
          { name: 'applied_at', type: 'varchar', length: '30' },
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_siecle_export_mark_school',
            columnNames: ['school_id'],
            referencedTableName: 'school',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({
            name: 'ux_siecle_export_mark_school_kind',
            columnNames: ['school_id', 'kind'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('siecle_export_mark');
  }
}
