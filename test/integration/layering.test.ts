import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rules of ARCHITECTURE.md (rule 1) are ESLint overrides; these cases show that
// an import across a layer fails the lint, and that the allowed direction passes.
const root = join(__dirname, '..', '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function layeringErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layering lint', () => {
  /** File, import, and a piece of the French message that must name the rule broken. */
  const refused: [string, string, string][] = [
    [
      'main/db/fixture.ts',
      "import { x } from '../services/staffApi';",
      'main/db, main/pdf et main/mail',
    ],
    [
      'main/db/entities/fixture.ts',
      "import { x } from '../../services/clock';",
      'main/db, main/pdf et main/mail',
    ],
    ['main/pdf/fixture.ts', "import { x } from '../services/secrets';", 'main/pdf'],
    ['main/mail/fixture.ts', "import { x } from '../services/school/school';", 'main/mail'],
    ['main/mail/fixture.ts', "import { x } from '../http/staffServer';", 'main/mail'],
    [
      'main/api/fixture.ts',
      "import { x } from '../services/staffApi';",
      'main/api reste générique',
    ],
    [
      'main/services/school/handlers.ts',
      "import type { x } from '../staffApi';",
      'Un domaine n’importe pas staffApi.ts',
    ],
    [
      'main/services/fixture.ts',
      "import { app } from 'electron';",
      'Seul main/app/ importe electron',
    ],
    ['main/db/fixture.ts', "import { app } from 'electron';", 'Seul main/app/ importe electron'],
    ['shared/fixture.ts', "import { readFileSync } from 'node:fs';", 'shared/'],
    ['shared/api/fixture.ts', "import { x } from '../../main/services/clock';", 'shared/'],
    ['renderer/staff/fixture.ts', "import { x } from '../../main/services/clock';", 'Le renderer'],
    ['renderer/portal/fixture.ts', "import { x } from '../staff/api';", 'Le portail n’importe pas'],
    ['renderer/portal/fixture.ts', "import { x } from '../../main/db/database';", 'Le renderer'],
    [
      'main/http/portal/fixture.ts',
      "import { x } from '../../../renderer/staff/api';",
      'Le serveur du portail n’importe que renderer/portal',
    ],
    [
      'main/services/portal/fixture.ts',
      "import { x } from '../../../renderer/portal/styles';",
      'main/ n’importe pas le renderer',
    ],
  ];
  for (const [file, source, layer] of refused) {
    it(`refuses in ${file}: ${source}`, async () => {
      const errors = await layeringErrors(file, `${source}\nexport const y = x;\n`);
      expect(errors.length, errors.join(' / ')).toBe(1);
      expect(errors[0]).toContain(layer);
    });
  }

  const allowed: [string, string][] = [
    ['main/services/fixture.ts', "import { x } from '../db/database';"],
    ['main/services/staffApi.ts', "import { x } from './school/handlers';"],
    ['main/services/school/handlers.ts', "import type { x } from '../context';"],
    ['main/services/letters/fixture.ts', "import { x } from '../../pdf/notificationLetter';"],
    ['main/db/fixture.ts', "import { x } from '../../shared/api/fields';"],
    ['renderer/staff/fixture.ts', "import { x } from '../portal/components/ChildBlock';"],
    ['main/app/fixture.ts', "import { app } from 'electron';"],
    ['main/http/portal/fixture.ts', "import { x } from '../../../renderer/portal/styles';"],
  ];
  for (const [file, source] of allowed) {
    it(`allows in ${file}: ${source}`, async () => {
      expect(await layeringErrors(file, `${source}\nexport const y = x;\n`)).toEqual([]);
    });
  }
});
