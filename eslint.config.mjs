// @ts-check
// ESLint: the typed recommended rules (as Starlight runs them), the Astro plugin, and two checks of
// our own: a static ReDoS check over every regular expression (author text reaches most of our
// patterns, so a pattern that backtracks super-linearly is a denial of service on the build), and the
// layer boundaries of src/lib (browser code imports only browser-safe modules).
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Modules under src/lib that use Node built-ins or read the disk: never imported by browser code. */
const NODE_ONLY = [
  'node:*',
  '**/data/**',
  '**/lib/skill/**',
  '**/lib/import/**',
  '**/lib/render/**',
  '**/lib/publish/security-headers.ts',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-*/**',
      '.cache/**',
      'node_modules/**',
      '.astro/**',
      'tests/fixtures/**',
      'public/**',
      'src/env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.astro'],
      },
    },
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      // Matching control characters is the point of several patterns (escaping, XML, names, trust rules).
      'no-control-regex': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.astro', '**/*.astro/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Client scripts run in the browser: only browser-safe modules.
    files: ['src/scripts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: NODE_ONLY,
              message:
                'Browser code may import only browser-safe modules (src/lib/shared, urls, format, search-state …).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests match our own output, never author text: a quadratic move there costs nothing.
    files: ['tests/**/*.ts'],
    rules: { 'regexp/no-super-linear-move': 'off' },
  },
);
