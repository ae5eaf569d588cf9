// ESLint (flat config): Next's rules (React, hooks, accessibility, Core Web Vitals) and
// typescript-eslint's recommended rules. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `_`-prefixed names are deliberately unused: destructuring a field away, a callback's unused argument.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Written for the pages/ router: it reads app/[locale] as a page at every one-segment path and
      // flags plain <a> links (sign-in, account) that must stay full page loads. Off, for that reason only.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    // CommonJS files loaded with `node --require` (the benches' profilers): require is how they import.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  globalIgnores([
    '.next*/**',
    'data/**',
    'lib/generated/**',
    'test-results/**',
    'playwright-report/**',
    'bench/results/**',
    'bench/bare-next/.next/**',
    'next-env.d.ts',
  ]),
]);
