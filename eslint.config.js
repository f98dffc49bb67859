// ESLint flat config. The one architectural rule that matters most: src/engine is pure
// TypeScript (no React, DOM libraries, zustand, or UI code), so it runs the same in Node and the browser.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'test/artifacts', 'docs/**/*.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // WARNING: the engine must stay pure. It is imported by the scoring CLI under Node.
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/engine is pure: no React.' },
            { group: ['@xstate/react'], message: 'src/engine is pure: use xstate, not @xstate/react.' },
            { group: ['zustand', 'zustand/*'], message: 'src/engine is pure: UI state lives in src/ui/stores.' },
            { group: ['recharts', 'idb', 'i18next', 'react-i18next'], message: 'src/engine is pure: no UI libraries.' },
            { group: ['@/ui/*', '**/ui/*', '**/ui'], message: 'src/engine must not import the UI.' },
            { group: ['node:*', 'fs', 'path'], message: 'src/engine runs in the browser too: no Node built-ins (put I/O in src/cli).' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'src/engine is pure: no DOM.' },
        { name: 'document', message: 'src/engine is pure: no DOM.' },
        { name: 'localStorage', message: 'src/engine is pure: no DOM.' },
        { name: 'indexedDB', message: 'src/engine is pure: no DOM.' },
        { name: 'setInterval', message: 'Time is an input: the engine reads the clock it is given.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is an input: the engine never reads the wall clock.' },
      ],
    },
  },
);
