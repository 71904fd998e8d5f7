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

/**
 * What browser code (src/client) may not import: anything in src/lib outside src/lib/shared and
 * src/lib/versions (the browser-safe layers: the version checks run in the build and in the
 * browser), Node built-ins and src/data. Node-only modules say so in their names (`*-fs.ts`) or
 * folders (src/data, src/lib/import).
 */
const BROWSER_FORBIDDEN = '^node:|/data/|/lib/(?!shared/|versions/)';
/** What the browser-safe layers may not import themselves (types may come from anywhere). */
const BROWSER_SAFE_FORBIDDEN = '^node:|/data/';

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
    // Client code runs in the browser: only browser-safe modules (types may come from anywhere).
    files: ['src/client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: BROWSER_FORBIDDEN,
              allowTypeImports: true,
              message:
                'Browser code may import only browser-safe modules: src/lib/shared, src/lib/versions.',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser-safe layers stay browser-safe: no Node built-ins, no build data.
    files: ['src/lib/shared/**/*.ts', 'src/lib/versions/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: BROWSER_SAFE_FORBIDDEN,
              allowTypeImports: true,
              message: 'src/lib/shared and src/lib/versions run in the browser: no Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // src/lib never reaches back into Astro or the site's layers, and worker code (which runs in
    // plain Node threads) cannot import astro:* modules.
    files: ['src/lib/**/*.ts', 'src/data/package-*.ts', 'src/data/worker-pool.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^astro(?::|$)|/(?:components|pages|layouts|integrations)/|(?:^|/)data/skills\\.ts$',
              message:
                'src/lib and worker code are plain TypeScript: no Astro imports, no reaching into the site layers.',
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
