// @ts-check
// Lint: for now the static ReDoS check over every regular expression (eslint-plugin-regexp's
// super-linear rules): author text reaches most of our patterns, so a pattern that backtracks
// super-linearly is a denial of service on the build. The full typed rule set comes with "Groundwork".
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-fixtures*/**', '.cache/**', 'node_modules/**', '.astro/**', 'tests/fixtures/**'] },
  {
    files: ['**/*.{ts,mjs}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    // Tests match our own output, never author text: a quadratic move there costs nothing.
    files: ['tests/**/*.ts'],
    rules: { 'regexp/no-super-linear-move': 'off' },
  },
);
