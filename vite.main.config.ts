import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

// Main and preload run in Node/Electron: resolve packages for Node (not their browser builds),
// bundle our code and the AWS SDK, keep Electron, native modules and Node builtins external.
const nodeExternals = ['electron', /^electron\//, 'keytar', /^node:/, ...builtinModules];

export default defineConfig({
  resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
  build: {
    outDir: fileURLToPath(new URL('./.vite/build', import.meta.url)),
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'node22',
    lib: { entry: fileURLToPath(new URL('./electron/main.ts', import.meta.url)), formats: ['cjs'], fileName: () => 'main.cjs' },
    rollupOptions: { external: nodeExternals },
  },
});
