// electron-builder makes the installers (`npm run dist`) from what `npm run build` leaves in
// .vite/: the bundled main process and preload (.vite/build) and the renderer
// (.vite/renderer). Everything the app runs is in those bundles, including the demo emulator,
// so no source folder is shipped; the preview bridge (electron/preview) is a dev-only loopback
// server and must never be packaged. scripts/check-builder-config.mjs (npm run test:builder)
// validates this file offline.

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.amiatlas.app',
  productName: 'AMI Atlas',
  copyright: 'Copyright © AMI Atlas contributors',
  artifactName: 'ami-atlas-${version}-${os}-${arch}.${ext}',
  directories: {
    buildResources: 'build',
    output: 'dist',
  },
  files: [
    '.vite/build/**',
    '.vite/renderer/**',
    'package.json',
    // Sources never ship; these negations keep it so if a broader pattern is added above.
    '!electron/**',
    '!emulator/**',
    '!renderer/**',
    '!shared/**',
    '!test/**',
    '!scripts/**',
  ],
  asar: true,
  // keytar is the one native module: rebuild it against Electron's ABI for each target.
  npmRebuild: true,
  nodeGypRebuild: false,
  // Harden the shipped binary: it holds AWS secrets, so it must not double as a Node runtime
  // or accept debugger/NODE_OPTIONS switches, and it only loads the signed app.asar.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  // No auto-update feed: nothing is published from a build.
  publish: null,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    maintainer: 'AMI Atlas maintainers <maintainers@amiatlas.app>',
    synopsis: 'Manage Amazon Machine Images across many AWS accounts',
    executableName: 'ami-atlas',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },
};
