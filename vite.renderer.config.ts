import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer is a plain web app: it talks to main only through window.atlas.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./.vite/renderer/main_window', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
  },
});
