import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * SIECLE import: the nomenclature's labels (régimes, liens de parenté, professions,
 * matières, MEF, divisions) per school, and each student's régime and MEF codes as SIECLE
 * gives them, so that labels come from the school's own nomenclature.
 */
export class SiecleImport1763850000000 implements MigrationInterface {
  name = 'SiecleImport1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'nomenclature_label',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'school_id', type: 'integer' },
          { name: 'list', type: 'varchar', length: '40', default: "''" },
          { name: 'code', type: 'varchar', length: '20', default: "''" },
          { name: 'label', type: 'varchar', length: '200', default: "''" },
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
            name: 'ux_nomenclature_label',
            columnNames: ['school_id', 'list', 'code'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.addColumns('student', [
      new TableColumn({ name: 'regime_code', type: 'varchar', length: '4', default: "''" }),
      new TableColumn({ name: 'mef_code', type: 'varchar', length: '11', default: "''" }),
      new TableColumn({ name: 'groups', type: 'varchar', length: '300', default: "''" }),
    ]);
    await q.addColumns('guardian', [
      new TableColumn({ name: 'profession_code', type: 'varchar', length: '4', default: "''" }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('guardian', 'profession_code');
    await q.dropColumns('student', ['regime_code', 'mef_code', 'groups']);
    await q.dropTable('nomenclature_label');
  }
}
