import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * Vite's dev server injects <style> tags and talks to its HMR socket; the shipped page needs
 * neither, so only `npm start` loosens the page's CSP, and only for those two things.
 */
function devServerCsp(): Plugin {
  return {
    name: 'atlas-dev-server-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace(/style-src 'self'/, "style-src 'self' 'unsafe-inline'")
        .replace(/connect-src [^;"]*/, 'connect-src ws://localhost:* ws://127.0.0.1:*');
    },
  };
}

// The renderer is a plain web app: it talks to main only through window.atlas.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), devServerCsp()],
  build: {
    outDir: fileURLToPath(new URL('./.vite/renderer/main_window', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
  },
});
