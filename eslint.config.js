// Flat ESLint config. Beyond the recommended rules it enforces the process boundaries from the
// architecture: only the Electron shell (electron/*.ts, electron/ipc) may touch `electron`;
// the core, the contract, the emulator and the renderer must run without it, and the renderer
// reaches main only through window.atlas (it imports shared/ and its own files, nothing else
// of ours). test/unit/lint-boundaries.test.ts proves these rules fire.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node globals for plain .js/.mjs/.cjs files (TypeScript files get them from @types/node).
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout',
    'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask',
    'structuredClone', 'fetch', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder',
    'performance', 'globalThis',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };

const electronModule = {
  // A regex rather than a gitignore-style group: 'electron/*' would also match relative
  // paths such as '../electron/core/x', which the folder rules below word more precisely.
  regex: '^electron(/|$)',
  message: 'Only the Electron shell (electron/main.ts, window.ts, preload.ts, ipc/) may import electron; keep this code runnable in plain Node and the browser.',
};

// Dynamic import() and require() of electron are not covered by no-restricted-imports.
const noElectronAtRuntime = [
  'error',
  {
    selector: "ImportExpression[source.value=/^electron(\\u002F|$)/]",
    message: electronModule.message,
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron(\\u002F|$)/]",
    message: electronModule.message,
  },
];

/** A relative (or absolute) path into one of our own top-level folders, e.g. '../electron/core/x'. */
const intoFolder = (folder) => `^(\\.{1,2}/|/)(.*/)?${folder}(/|$)`;

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '.vite/',
    'dist/',
    'out/',
    'test-results/',
    'playwright-report/',
    '.tmp/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } },
  },
  {
    rules: {
      // `_`-prefixed names mark deliberately unused parameters and bindings.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['electron/core/**', 'shared/**', 'emulator/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            electronModule,
            {
              regex: intoFolder('renderer'),
              message: 'The core and the emulator never import the renderer: it is a separate, sandboxed page.',
            },
          ],
        },
      ],
      'no-restricted-syntax': noElectronAtRuntime,
    },
  },
  {
    // Narrower than the block above (which also covers shared/): the contract imports nothing of ours.
    files: ['shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            electronModule,
            {
              regex: `${intoFolder('electron')}|${intoFolder('emulator')}|${intoFolder('renderer')}`,
              message: 'shared/ is the contract both processes import: it depends on nothing of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...electronModule,
              message: 'The renderer is a sandboxed web page: it reaches main only through window.atlas (renderer/api.ts).',
            },
            {
              regex: `${intoFolder('electron')}|${intoFolder('emulator')}`,
              message: 'The renderer may import only shared/ and its own files; main-process code and the emulator stay out of the page.',
            },
            {
              regex: '^node:',
              message: 'The renderer runs without Node: no node: modules in the page.',
            },
          ],
        },
      ],
      'no-restricted-syntax': noElectronAtRuntime,
    },
  },
);
