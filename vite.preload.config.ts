import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// A sandboxed preload must be a single CommonJS file that needs nothing but `electron`.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('./.vite/build', import.meta.url)),
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'chrome130',
    lib: { entry: fileURLToPath(new URL('./electron/preload.ts', import.meta.url)), formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'], output: { codeSplitting: false } },
  },
});
