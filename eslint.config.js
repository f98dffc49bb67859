// ESLint flat config. The one architectural rule that matters most: src/engine is pure
// TypeScript (no React, DOM libraries, zustand, or UI code), so it runs the same in Node and the browser.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const root = fileURLToPath(new URL('.', import.meta.url));

// The UI's layers (docs/architecture.md), checked on resolved files, so `@/ui/…` and `../…` are
// caught alike: app → features → shared (components, lib, persistence, i18n, stores, drill-runtime).
// A feature imports no other feature and not the app; the shared layers import neither. Every
// folder under features/ is fenced, so a new feature is fenced the day it is created.
const uiShared = ['components', 'lib', 'persistence', 'i18n', 'stores', 'drill-runtime'];
const features = readdirSync(new URL('./src/ui/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const layerZones = [
  ...features.map((f) => ({
    target: `./src/ui/features/${f}`,
    from: './src/ui/features',
    except: [`./${f}`],
    message: 'Features never import each other: move what both need to src/ui/components or src/ui/lib.',
  })),
  {
    target: './src/ui/features',
    from: './src/ui/app',
    message: 'Features never import the app shell: route helpers live in src/ui/lib/routes.ts.',
  },
  {
    target: uiShared.map((d) => `./src/ui/${d}`),
    from: ['./src/ui/features', './src/ui/app'],
    message: 'Shared UI layers never import features or the app: move the shared piece down, or pass it in.',
  },
];

// Issue 14 item 1: every word lives in src/locales/{zh-TW,en}/*.json (the glossary for domain words).
// No literal text in JSX and no CJK string literal outside the resources; tests, fixtures and
// scenarios may write what they check.
export default tseslint.config(
  { ignores: ['dist', 'dist-cli', 'node_modules', 'coverage', 'test/artifacts', 'docs/**/*.json'] },
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
    plugins: { 'import-x': importX },
    settings: {
      // Resolves `@/…` through tsconfig's paths and extensionless `.ts`/`.tsx` imports; an import
      // it cannot resolve is skipped by the rule, so layers.test.ts proves both forms are caught.
      'import-x/resolver-next': [
        createNodeResolver({
          tsconfig: { configFile: `${root}tsconfig.json` },
          extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
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
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/**/test-*.{ts,tsx}', 'src/**/*-test-utils.{ts,tsx}', 'src/**/fixtures/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/[A-Za-z\\u4e00-\\u9fff]/]', message: 'No literal text in JSX: put the words in src/locales/{zh-TW,en}/<namespace>.json and use t().' },
        { selector: 'Literal[value=/[\\u4e00-\\u9fff]/]', message: 'No CJK text outside the resources: put it in src/locales/{zh-TW,en}/<namespace>.json (domain words in glossary.json).' },
        { selector: 'Literal[regex.pattern=/[\\u4e00-\\u9fff]/]', message: 'No CJK text in a regular expression: build it from the words in src/locales (a pattern that matches users\' words is words too).' },
        { selector: 'Identifier[name=/[\\u4e00-\\u9fff]/]', message: 'No CJK identifiers or unquoted keys: the words belong in src/locales.' },
        { selector: 'TemplateElement[value.raw=/[\\u4e00-\\u9fff]/]', message: 'No CJK text outside the resources: put it in src/locales/{zh-TW,en}/<namespace>.json (domain words in glossary.json).' },
      ],
    },
  },
);
