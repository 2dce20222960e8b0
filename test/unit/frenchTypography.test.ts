import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage, frenchSpacing } from '../../renderer/ui/errors';
import { ApiFailure } from '../../shared/api/result';
import { de, que } from '../../shared/domain/frenchTypography';
import {
  fixTypography,
  typographyFiles,
  typographyIssues,
} from '../../scripts/french-typography.mjs';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('server messages in the staff window', () => {
  it('get their no-break spaces where they are shown', () => {
    const failure = new ApiFailure(
      'conflict',
      'L’UAI « 0251711Z » est pris : changez-le ; merci !',
    );
    expect(errorMessage(failure)).toBe(
      `L’UAI «${NNBSP}0251711Z${NNBSP}» est pris${NBSP}: changez-le${NNBSP}; merci${NNBSP}!`,
    );
    expect(frenchSpacing('à 10:30, voir http://exemple.fr')).toBe(
      'à 10:30, voir http://exemple.fr',
    );
  });
});

describe('French typography codemod (scripts/french-typography.mjs)', () => {
  const source = [
    "import { x } from './a : b';",
    "const css = 'a:hover';",
    'export function A({ n }: { n: string }) {',
    '  return (',
    '    <div className="l\'a b" data-testid="x ; y" title="Notez-le : il ne sera plus affiché">',
    "      L'import de {n} : « ok » ; à 10:30, voir http://exemple.fr !",
    '      {`${n} : rôle « ${n} ».`}',
    '    </div>',
    '  );',
    '}',
    "const labels = { 'a b : c': 'Mot de passe oublié : lien envoyé' };",
  ].join('\n');
  const fixed = fixTypography('fixture.tsx', source);

  it('puts the typographic apostrophe and no-break spaces in the text a person reads', () => {
    expect(fixed).toContain(`title="Notez-le${NBSP}: il ne sera plus affiché"`);
    expect(fixed).toContain(
      `L’import de {n}${NBSP}: «${NNBSP}ok${NNBSP}»${NNBSP}; à 10:30, voir http://exemple.fr${NNBSP}!`,
    );
    expect(fixed).toContain(`{\`\${n}${NBSP}: rôle «${NNBSP}\${n}${NNBSP}».\`}`);
    expect(fixed).toContain(`'Mot de passe oublié${NBSP}: lien envoyé'`);
  });

  it('leaves code alone: module names, class names, test ids, object keys, times, URLs', () => {
    expect(fixed).toContain("from './a : b'");
    expect(fixed).toContain('className="l\'a b"');
    expect(fixed).toContain('data-testid="x ; y"');
    expect(fixed).toContain("'a b : c':");
    expect(fixed).toContain("'a:hover'");
  });

  it('is idempotent: a second run changes nothing', () => {
    expect(fixTypography('fixture.tsx', fixed)).toBe(fixed);
    expect(typographyIssues('fixture.tsx', fixed)).toEqual([]);
  });

  it('the staff window and its widgets have no straight apostrophe or missing no-break space left', () => {
    const issues = typographyFiles().flatMap((path) =>
      typographyIssues(path, readFileSync(path, 'utf8')).map(
        (issue) =>
          `${relative(process.cwd(), path)}:${issue.line} ${issue.problems.join(', ')} — ${issue.text}`,
      ),
    );
    expect(issues, 'run: node scripts/french-typography.mjs').toEqual([]);
  });
});

describe('elision before a first name', () => {
  it('« d’Antoine », « d’Émile », « qu’Yves », but « de Hugo », « que Bastien »', () => {
    expect(['Antoine', 'Émile', 'Hugo'].map((n) => `${de(n)}${n}`)).toEqual([
      'd’Antoine',
      'd’Émile',
      'de Hugo',
    ]);
    expect(['Yves', 'Bastien'].map((n) => `${que(n)}${n}`)).toEqual(['qu’Yves', 'que Bastien']);
  });
});
