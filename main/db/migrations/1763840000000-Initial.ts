import type { MigrationInterface, QueryRunner, TableColumnOptions } from 'typeorm';
import { Table, TableForeignKey, TableIndex } from 'typeorm';

// Written with the Table API, not raw SQL, so that the same migration builds the schema
// on SQLite and on PostgreSQL. Helpers are local: a migration must never change once shipped.
const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const int = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable,
});
const str = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
  ...(isNullable ? {} : { default: "''" }),
});
const bool = (name: string, value: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: value ? 'true' : 'false',
});
const text = (name: string): TableColumnOptions => ({ name, type: 'text' });
const address = (): TableColumnOptions[] => [
  str('address_line1', 200),
  str('address_line2', 200),
  str('address_postal_code', 10),
  str('address_city', 100),
  str('address_country', 100),
];
const fk = (column: string, table: string, onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT') =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
  });

export class Initial1763840000000 implements MigrationInterface {
  name = 'Initial1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'school',
        columns: [
          id(),
          str('uai', 8),
          str('name', 200),
          ...address(),
          str('phone', 30),
          str('email', 254),
          str('academie', 100),
          str('portal_url', 300),
          text('welcome_message'),
          bool('families_may_email', false),
          str('grade_publication_mode', 20),
          str('opened_services', 300),
          str('created_at', 30),
        ],
        indices: [new TableIndex({ name: 'ux_school_uai', columnNames: ['uai'], isUnique: true })],
      }),
    );

    await q.createTable(
      new Table({
        name: 'school_year',
        columns: [
          id(),
          int('school_id'),
          str('label', 9),
          str('starts_on', 10),
          str('ends_on', 10),
          bool('is_current', false),
        ],
        foreignKeys: [fk('school_id', 'school', 'CASCADE')],
        indices: [
          new TableIndex({
            name: 'ux_school_year_label',
            columnNames: ['school_id', 'label'],
            isUnique: true,
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'period',
        columns: [
          id(),
          int('school_id'),
          int('school_year_id'),
          str('code', 10),
          str('label', 60),
          str('starts_on', 10),
          str('ends_on', 10),
        ],
        foreignKeys: [
          fk('school_id', 'school', 'CASCADE'),
          fk('school_year_id', 'school_year', 'CASCADE'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_period_code',
            columnNames: ['school_year_id', 'code'],
            isUnique: true,
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'division',
        columns: [
          id(),
          int('school_id'),
          int('school_year_id'),
          str('code', 30),
          str('label', 100),
          str('level', 10),
        ],
        foreignKeys: [
          fk('school_id', 'school', 'CASCADE'),
          fk('school_year_id', 'school_year', 'CASCADE'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_division_code',
            columnNames: ['school_year_id', 'code'],
            isUnique: true,
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'student',
        columns: [
          id(),
          int('school_id'),
          str('siecle_id', 20, true),
          str('ine', 11),
          str('last_name', 100),
          str('first_name', 100),
          str('first_name2', 100),
          str('first_name3', 100),
          str('sex', 1),
          str('birth_date', 10, true),
          str('birth_commune', 100),
          str('birth_department', 3),
          str('birth_country', 100),
          int('division_id', true),
          str('regime', 30),
          ...address(),
          bool('address_same_as_guardian1', false),
          str('phone_home', 30),
          str('phone_mobile', 30),
          str('email', 254),
          str('left_on', 10, true),
          str('search_last', 100),
          str('search_first', 100),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [
          fk('school_id', 'school', 'CASCADE'),
          fk('division_id', 'division', 'SET NULL'),
        ],
        indices: [
          new TableIndex({ name: 'ix_student_last', columnNames: ['school_id', 'search_last'] }),
          new TableIndex({ name: 'ix_student_first', columnNames: ['school_id', 'search_first'] }),
          new TableIndex({ name: 'ix_student_ine', columnNames: ['school_id', 'ine'] }),
          new TableIndex({ name: 'ix_student_division', columnNames: ['division_id'] }),
          new TableIndex({
            name: 'ux_student_siecle',
            columnNames: ['school_id', 'siecle_id'],
            isUnique: true,
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'guardian',
        columns: [
          id(),
          int('school_id'),
          str('siecle_id', 20, true),
          str('civility', 10),
          str('last_name', 100),
          str('first_name', 100),
          str('profession', 100),
          ...address(),
          bool('shares_address', true),
          str('phone_home', 30),
          str('phone_work', 30),
          str('phone_mobile', 30),
          bool('accepts_sms', false),
          str('email', 254),
          str('search_last', 100),
          str('search_first', 100),
          str('created_at', 30),
          str('updated_at', 30),
        ],
        foreignKeys: [fk('school_id', 'school', 'CASCADE')],
        indices: [
          new TableIndex({ name: 'ix_guardian_last', columnNames: ['school_id', 'search_last'] }),
          new TableIndex({
            name: 'ux_guardian_siecle',
            columnNames: ['school_id', 'siecle_id'],
            isUnique: true,
          }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'student_guardian',
        columns: [
          id(),
          int('school_id'),
          int('student_id'),
          int('guardian_id'),
          str('relationship', 4),
          int('legal_rank', true),
          int('responsibility_level'),
        ],
        foreignKeys: [
          fk('school_id', 'school', 'CASCADE'),
          fk('student_id', 'student', 'CASCADE'),
          fk('guardian_id', 'guardian', 'CASCADE'),
        ],
        indices: [
          new TableIndex({
            name: 'ux_student_guardian',
            columnNames: ['student_id', 'guardian_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_student_guardian_guardian', columnNames: ['guardian_id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'staff_user',
        columns: [
          id(),
          int('school_id'),
          str('login', 60),
          str('display_name', 120),
          str('role', 20),
          str('password_hash', 200),
          bool('must_change_password', false),
          bool('active', true),
          { name: 'failed_attempts', type: 'integer', default: 0 },
          str('locked_until', 30, true),
          str('last_login_at', 30, true),
          str('created_at', 30),
        ],
        foreignKeys: [fk('school_id', 'school', 'CASCADE')],
        // Logins are unique across schools: the login screen does not ask for a school.
        indices: [
          new TableIndex({ name: 'ux_staff_user_login', columnNames: ['login'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'staff_session',
        columns: [
          id(),
          str('token_hash', 64),
          int('staff_user_id'),
          str('created_at', 30),
          str('expires_at', 30),
          str('last_seen_at', 30),
        ],
        foreignKeys: [fk('staff_user_id', 'staff_user', 'CASCADE')],
        indices: [
          new TableIndex({
            name: 'ux_staff_session_token',
            columnNames: ['token_hash'],
            isUnique: true,
          }),
        ],
      }),
    );

    // The audit log outlives the rows it names: no foreign key to the actor or target.
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id(),
          int('school_id', true),
          str('at', 30),
          int('actor_id', true),
          str('actor_label', 200),
          str('action', 60),
          str('target_type', 40),
          str('target_id', 40),
          str('target_label', 200),
          text('details'),
        ],
        indices: [new TableIndex({ name: 'ix_audit_school', columnNames: ['school_id', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'staff_session',
      'staff_user',
      'student_guardian',
      'guardian',
      'student',
      'division',
      'period',
      'school_year',
      'school',
    ]) {
      await q.dropTable(table);
    }
  }
}
