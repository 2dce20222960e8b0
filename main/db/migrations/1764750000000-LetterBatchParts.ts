import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * Issue 15 §1: a batch of letters split by division is one zip of PDFs; the batch keeps its
 * parts (division, file name, letters, pages) so that one division can be downloaded alone.
 */
export class LetterBatchParts1764750000000 implements MigrationInterface {
  name = 'LetterBatchParts1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'letter_batch',
      new TableColumn({ name: 'parts', type: 'text', default: "''" }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('letter_batch', 'parts');
  }
}
