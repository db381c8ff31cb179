// @ts-check
// Lint rules the codebase keeps (issue 12): type-aware typescript-eslint, no import cycles, process.env
// only in env.ts files, jsonwebtoken only in the auth module, mongoose only in the storage layers.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const STORAGE_LAYERS = ['**/models/**', '**/store/**', 'ops/seed/**', 'ops/bench/**', 'tests/**'];

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', '.tools/', '.data/', '.secrets/', 'coverage/', '**/__generated__/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      curly: ['error', 'multi-line', 'consistent'],
      eqeqeq: ['error', 'smart'],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings in an env.ts file and pass them in.' },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'jsonwebtoken', message: 'Tokens are signed and verified in services/common/src/auth.ts only.' },
            {
              name: 'mongoose',
              allowTypeImports: true,
              message: 'Only models/, store/ and the seed touch the database.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/env.ts'], rules: { 'no-restricted-properties': 'off' } },
  { files: ['services/common/src/auth.ts'], rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  {
    files: STORAGE_LAYERS,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'jsonwebtoken', message: 'Tokens are signed and verified in services/common/src/auth.ts only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        console: 'readonly',
        process: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
