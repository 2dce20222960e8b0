import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * « Directeur ou directrice de la publication » (loi 2004-575, art. 6-III): the portal's
 * « Mentions légales » name the person, with the school as publisher (issue 13).
 */
export class PublicationDirector1763960000000 implements MigrationInterface {
  name = 'PublicationDirector1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'school',
      new TableColumn({
        name: 'publication_director',
        type: 'varchar',
        length: '200',
        default: "''",
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('school', 'publication_director');
  }
}
