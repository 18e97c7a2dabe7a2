// Builds main, preload and renderer with the same Vite configs Electron Forge uses for `npm start`,
// and the `ami-atlas` command-line tool.
import { build } from 'vite';
import { rm } from 'node:fs/promises';

await rm(new URL('../.vite/build', import.meta.url), { recursive: true, force: true });
for (const configFile of ['vite.main.config.ts', 'vite.preload.config.ts', 'vite.renderer.config.ts', 'vite.cli.config.ts']) {
  await build({ configFile, logLevel: 'warn', mode: 'production' });
  console.log(`built ${configFile.replace(/^vite\.|\.config\.ts$/g, '')}`);
}
