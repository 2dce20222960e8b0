import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * Where the desktop app serves the family portal (issue 8 §1): the loopback interface by
 * default; « publier sur le réseau de l'établissement » binds a chosen interface; a reverse
 * proxy in front is named so that families' addresses are read from it.
 */
export class PortalListener1763900000000 implements MigrationInterface {
  name = 'PortalListener1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('school', [
      new TableColumn({
        name: 'portal_bind',
        type: 'varchar',
        length: '45',
        default: "'127.0.0.1'",
      }),
      new TableColumn({ name: 'portal_port', type: 'integer', default: 3211 }),
      new TableColumn({
        name: 'portal_trusted_proxy',
        type: 'varchar',
        length: '200',
        default: "''",
      }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('school', 'portal_trusted_proxy');
    await q.dropColumn('school', 'portal_port');
    await q.dropColumn('school', 'portal_bind');
  }
}
