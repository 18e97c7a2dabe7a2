import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

// The `ami-atlas` command: one CommonJS file that plain Node 22 runs (no Electron), bundling our
// code, the AWS SDK and the CSV writer into that one file; keytar (native) and Node builtins stay
// external.
const nodeExternals = ['electron', /^electron\//, 'keytar', /^node:/, ...builtinModules];

export default defineConfig({
  resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
  build: {
    outDir: fileURLToPath(new URL('./.vite/build', import.meta.url)),
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'node22',
    lib: { entry: fileURLToPath(new URL('./electron/cli.ts', import.meta.url)), formats: ['cjs'], fileName: () => 'cli.cjs' },
    rollupOptions: { external: nodeExternals, output: { banner: '#!/usr/bin/env node', codeSplitting: false } },
  },
});
