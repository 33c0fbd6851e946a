import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

// Outside systems live behind repositories (DESIGN.md, principle 1). Type-only imports are fine.
const fence = (names, message) => names.map((name) => ({ name, message, allowTypeImports: true }));
const DOCKER = fence(
  ['dockerode'],
  'Only server/src/engine/engine.repository.ts, engine.containers.repository.ts and engine-info.repository.ts talk to Docker.',
);
const FS = fence(
  ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'],
  'The filesystem is an outside system: only *.repository.ts files touch it (DATA_DIR through platform/data-dir.repository.ts).',
);
const CHILD_PROCESS = fence(
  ['child_process', 'node:child_process'],
  'Child processes start only in server/src/platform/process.repository.ts (ProcessRepository).',
);
const REDIS = fence(['ioredis'], 'Redis is an outside system: only *.repository.ts files talk to it.');
const SMTP = fence(
  ['nodemailer'],
  'Mail relays are an outside system: only server/src/mail/smtp.repository.ts talks SMTP.',
);
const restrictImports = (...groups) => ['error', { paths: groups.flat() }];

// The wall clock is read only by the injected Clock, so time is controllable in tests.
const CLOCK_ONLY = 'Read the time from the injected Clock (server/src/platform/clock.ts).';
const restrictWallClock = [
  'error',
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: CLOCK_ONLY },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_ONLY },
  { selector: "CallExpression[callee.name='Date']", message: CLOCK_ONLY },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.build/**', 'test-artifacts/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        // One set of options for every file: the TypeScript parser keeps the first it is given.
        project: ['./tsconfig.test.json', './web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['describe', 'it', 'test'], package: 'node:test' }] },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': restrictImports(DOCKER, FS, CHILD_PROCESS, REDIS, SMTP),
      'no-restricted-syntax': restrictWallClock,
    },
  },
  // Later blocks replace the import list of the earlier ones for their files.
  {
    files: ['server/src/**/*.repository.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(DOCKER, CHILD_PROCESS, SMTP) },
  },
  {
    files: ['server/src/mail/smtp.repository.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(DOCKER, CHILD_PROCESS) },
  },
  {
    // <script lang="ts"> in Svelte components, with the same type-aware rules as the .ts files.
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
    // TypeScript (svelte-check) already knows the browser's globals and the component's own names.
    rules: { 'no-undef': 'off' },
  },
  {
    files: [
      'server/src/engine/engine.repository.ts',
      'server/src/engine/engine.containers.repository.ts',
      'server/src/engine/engine-info.repository.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(CHILD_PROCESS) },
  },
  {
    files: ['server/src/platform/process.repository.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(DOCKER) },
  },
  {
    files: ['server/src/platform/clock.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Tests drive the real parts from outside (files, processes, redis) and scripts are tools: both may
  // use them directly. Unit specs keep the clock fence (they inject a fixed Clock); integration, e2e
  // and image tests and scripts wait on real servers in real time (deadlines, run ids), so they read it.
  {
    files: ['test/**/*.ts', 'server/src/**/*.spec.ts', 'scripts/**/*.ts', 'server/src/openapi.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports(DOCKER) },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts', 'server/src/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
