import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'url',
  'stream',
];

const lowerMainLayers = ['main/db/**/*.ts', 'main/pdf/**/*.ts', 'main/mail/**/*.ts'];
const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Seul main/app/ importe electron.',
};
const noRenderer = { group: ['**/renderer/**'], message: 'main/ n’importe pas le renderer.' };

const rendererPatterns = [
  { group: nodeBuiltins, message: 'Le renderer ne touche pas Node : passez par renderer/api.' },
  {
    group: ['electron', 'typeorm', 'better-sqlite3', 'fastify'],
    message: 'Le renderer passe par renderer/api.',
  },
  {
    group: ['**/main/**'],
    message: 'Le renderer n’importe que shared/ et ses propres fichiers.',
  },
];

// Layering (ARCHITECTURE.md, rule 1): shared/ is pure, only main/app touches Electron,
// and the renderer talks to main/ through the API client only.
const layering = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ reste pur : pas de module Node.' },
            {
              group: ['electron', 'react', 'react-dom', 'typeorm', 'better-sqlite3', 'fastify'],
              message: 'shared/ reste pur.',
            },
            {
              group: ['**/main/**', '**/renderer/**'],
              message: 'shared/ n’importe ni main/ ni renderer/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/app/**', 'main/http/portal/**', ...lowerMainLayers],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }],
    },
  },
  {
    // staffApi.ts assembles the domains' handlers: a domain importing it back (even for a type)
    // closes a circle. Handler types come from the contract side (services/context.ts).
    files: ['main/services/*/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            noRenderer,
            {
              group: ['**/staffApi'],
              message:
                'Un domaine n’importe pas staffApi.ts, qui l’assemble : types des handlers dans services/context.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The portal server renders the portal's pages (ARCHITECTURE.md: renderer/portal is
    // « rendered by the portal server »), and nothing else of the renderer.
    files: ['main/http/portal/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              regex: '(^|/)renderer/(?!portal/)',
              message: 'Le serveur du portail n’importe que renderer/portal.',
            },
          ],
        },
      ],
    },
  },
  {
    // The data, PDF and mail layers know rows, pages and messages, not the services that
    // use them (ARCHITECTURE.md rule 1, as VS Code's code-layering rule keeps its layers).
    files: lowerMainLayers,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            noRenderer,
            {
              group: ['**/services', '**/services/**', '**/http', '**/http/**', '**/app/**'],
              message: 'main/db, main/pdf et main/mail n’importent ni les services ni le serveur.',
            },
          ],
        },
      ],
    },
  },
  {
    // The generic dispatcher is built by the services; it knows none of them.
    files: ['main/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            noRenderer,
            {
              group: ['**/services/**', '**/http/**', '**/db/**'],
              message: 'main/api reste générique : ni services, ni serveur, ni base.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/portal/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: rendererPatterns }] },
  },
  {
    // The family portal is rendered by the portal server too: it must not pull in the
    // staff window (which the staff preview, on the other hand, may import from it).
    files: ['renderer/portal/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererPatterns,
            {
              group: ['**/staff/**'],
              message: 'Le portail n’importe pas la fenêtre du personnel.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'coverage', '.data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // French typography puts no-break spaces in the staff window's text on purpose
    // (scripts/french-typography.mjs); they stay forbidden in code and comments.
    files: ['renderer/staff/**/*.{ts,tsx}', 'renderer/ui/**/*.{ts,tsx}'],
    rules: {
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipJSXText: true, skipComments: false },
      ],
    },
  },
  ...layering,
);
