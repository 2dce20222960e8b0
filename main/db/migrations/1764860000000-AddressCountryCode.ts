import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * The INSEE country code SIECLE sends with an address abroad (CODE_PAYS, « 131 » for
 * BELGIQUE), kept beside the country's name: the export back to SIECLE needs the code, and
 * a name alone cannot always give it back. '' for France and for what no import told.
 */
export class AddressCountryCode1764860000000 implements MigrationInterface {
  name = 'AddressCountryCode1764860000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['student', 'guardian']) {
      await q.addColumn(
        table,
        new TableColumn({
          name: 'address_country_code',
          type: 'varchar',
          length: '3',
          default: "''",
        }),
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['student', 'guardian']) await q.dropColumn(table, 'address_country_code');
  }
}
