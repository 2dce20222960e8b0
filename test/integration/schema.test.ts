import { afterEach, beforeEach, expect, it } from 'vitest';
import { openTempDatabase } from '../helpers/tempDb';
import type { Database } from '../../main/db/database';

let db: Database;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(async () => cleanup());

// Schema guard: migrating an empty database must give exactly the committed schema.
// A change here means a new migration (and an updated snapshot, reviewed in the diff).
it('migrates an empty database to the committed schema snapshot', async () => {
  const rows: { sql: string }[] = await db.manager.query(
    "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY type DESC, name",
  );
  const schema = rows.map((r) => `${r.sql};`).join('\n') + '\n';
  await expect(schema).toMatchFileSnapshot('./__snapshots__/schema.sql');
});
