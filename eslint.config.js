// Flat ESLint config. Beyond the recommended rules it enforces the process boundaries from the
// architecture: only the Electron shell (electron/*.ts, electron/ipc) may touch `electron`;
// the core, the contract, the emulator and the renderer must run without it, and the renderer
// reaches main only through window.atlas (it imports shared/ and its own files, nothing else
// of ours). test/unit/lint-boundaries.test.ts proves these rules fire.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import path from 'node:path';
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

/** Node's built-in modules by their bare names (fs, path, …), as a regex alternation. */
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/')).join('|');

/** renderer/features/<name>/…: the feature a file belongs to, or null. */
function featureOf(file) {
  const parts = path.relative(process.cwd(), file).split(path.sep);
  const at = parts.findIndex((p, i) => p === 'features' && parts[i - 1] === 'renderer');
  return at >= 0 && parts.length > at + 2 ? parts[at + 1] : null;
}

/**
 * Features never import each other (in any import form): what two features share is a widget in
 * renderer/components/ or a helper in renderer/lib/; one feature asks another to act through an
 * intent (renderer/lib/intents.ts) or fills a slot (renderer/components/imageSlots.tsx), and the
 * shell (renderer/shell/, renderer/App.tsx) wires them.
 */
const noCrossFeature = {
  meta: { type: 'problem', schema: [], messages: { cross: 'Feature "{{from}}" imports feature "{{to}}": move what both need to renderer/components/ or renderer/lib/, or let the shell compose them.' } },
  create(context) {
    const from = featureOf(context.filename);
    const check = (node, source) => {
      if (!from || typeof source !== 'string' || !source.startsWith('.')) return;
      const to = featureOf(path.resolve(path.dirname(context.filename), source));
      if (to && to !== from) context.report({ node, messageId: 'cross', data: { from, to } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

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
    // The core is given the demo world (StartDemoWorld); it never reaches for the emulator itself.
    files: ['electron/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            electronModule,
            { regex: intoFolder('renderer'), message: 'The core never imports the renderer: it is a separate, sandboxed page.' },
            { regex: intoFolder('emulator'), message: 'The core never imports the emulator: the demo world is handed to it (electron/demo starts it).' },
          ],
        },
      ],
      'no-restricted-syntax': [
        ...noElectronAtRuntime,
        {
          selector: `ImportExpression[source.value=/${intoFolder('emulator').replace(/\//g, '\\u002F')}/]`,
          message: 'The core never imports the emulator: the demo world is handed to it (electron/demo starts it).',
        },
      ],
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
              regex: `^node:|^(${nodeBuiltins})(/|$)`,
              message: 'The renderer runs without Node: no Node modules in the page.',
            },
            {
              regex: '^@aws-sdk/|^@smithy/|^keytar$',
              message: 'The renderer never talks to AWS or the keychain: main holds every credential; ask it through window.atlas (renderer/api.ts).',
            },
          ],
        },
      ],
      'no-restricted-syntax': noElectronAtRuntime,
    },
  },
  {
    // A feature is one domain's page code; the shell composes features (see noCrossFeature).
    files: ['renderer/features/**'],
    plugins: { atlas: { rules: { 'no-cross-feature': noCrossFeature } } },
    rules: { 'atlas/no-cross-feature': 'error' },
  },
);
