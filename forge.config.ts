/**
 * Electron Forge drives development (`npm start`: Vite dev server for the renderer, rebuilds
 * of main and preload). Installers are made by electron-builder (electron-builder.config.cjs),
 * so no makers are configured here.
 *
 * The preview bridge (electron/preview) is not an entry: it is a dev-only loopback server run
 * with tsx, never part of the app bundle.
 */
import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'AMI Atlas',
    executableName: 'ami-atlas',
    asar: true,
  },
  rebuildConfig: {
    // keytar is the only native module; rebuild it for Electron's ABI.
    onlyModules: ['keytar'],
  },
  makers: [],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
  ],
};

export default config;
