import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table, TableIndex } from 'typeorm';

/**
 * Login throttling replaces the account lock: failures are counted per (typed login,
 * address) and per address, under hashed keys (nothing typed is kept), and decay with time.
 * Kept in the database so that several portal processes on one PostgreSQL share them.
 */
export class LoginThrottle1763860000000 implements MigrationInterface {
  name = 'LoginThrottle1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'failures', type: 'real', default: 0 },
          { name: 'last_failure_at', type: 'varchar', length: '30' },
          // Attempts refused while throttled, since the episode began (one journal line each
          // episode, not one per attempt).
          { name: 'refused', type: 'integer', default: 0 },
        ],
        indices: [
          new TableIndex({
            name: 'ux_login_throttle_key',
            columnNames: ['key_hash'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('login_throttle');
  }
}
