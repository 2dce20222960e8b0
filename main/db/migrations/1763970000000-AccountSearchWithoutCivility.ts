import type { MigrationInterface, QueryRunner } from 'typeorm';
import { foldForSearch } from '../../../shared/domain/normalize';

interface GuardianAccount {
  id: number;
  displayName: string;
  login: string;
  civility: string | null;
}

/**
 * « Comptes des familles » is searched and sorted on family_account.search_name, which began
 * with the guardian's civility: every « M. » came before every « Mme », and typing « m » found
 * every father. The name is kept without it (issue 13 §3); the display name keeps it.
 */
export class AccountSearchWithoutCivility1763970000000 implements MigrationInterface {
  name = 'AccountSearchWithoutCivility1763970000000';

  async up(q: QueryRunner): Promise<void> {
    const rows: GuardianAccount[] = await q.manager
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.display_name', 'displayName')
      .addSelect('a.login', 'login')
      .addSelect('g.civility', 'civility')
      .from('family_account', 'a')
      .leftJoin('guardian', 'g', 'g.id = a.guardian_id')
      .where("a.kind = 'guardian'")
      .getRawMany();
    for (const row of rows) {
      const civility = (row.civility ?? '').trim();
      const name =
        civility && row.displayName.startsWith(`${civility} `)
          ? row.displayName.slice(civility.length + 1)
          : row.displayName;
      // Raw SQL: the entity may have moved on by the time this migration runs.
      const [sql, parameters] = q.connection.driver.escapeQueryWithParameters(
        'UPDATE family_account SET search_name = :searchName WHERE id = :id',
        { searchName: foldForSearch(`${name} ${row.login}`).slice(0, 300), id: Number(row.id) },
      );
      await q.query(sql, parameters);
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: a search name without the civility is read the same way.
  }
}
