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
    ignores: ['main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'Seul main/app/ importe electron.' },
            { group: ['**/renderer/**'], message: 'main/ n’importe pas le renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeBuiltins,
              message: 'Le renderer ne touche pas Node : passez par renderer/api.',
            },
            {
              group: ['electron', 'typeorm', 'better-sqlite3', 'fastify'],
              message: 'Le renderer passe par renderer/api.',
            },
            {
              group: ['**/main/**'],
              message: 'Le renderer n’importe que shared/ et ses propres fichiers.',
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
  ...layering,
);
