import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * Issue 14: a portal session records the account's `password_version` when it is opened, and
 * is refused once the account's version has moved (a new password, a closure, a refusal, a
 * regroupement…), whatever path changed it. Sessions open at the upgrade keep working.
 */
export class SessionAccountVersion1763990000000 implements MigrationInterface {
  name = 'SessionAccountVersion1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'portal_session',
      new TableColumn({ name: 'account_version', type: 'integer', isNullable: false, default: 0 }),
    );
    await q.query(
      'UPDATE portal_session SET account_version = (SELECT a.password_version FROM family_account a WHERE a.id = portal_session.account_id)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('portal_session', 'account_version');
  }
}
