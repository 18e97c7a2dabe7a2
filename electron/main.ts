/**
 * Composition root of the desktop app: wires the core (accounts, AWS, images, inventory) to Electron IPC
 * and opens the locked-down window. Everything else lives in electron/core, which never
 * imports `electron`.
 */
import { app, BrowserWindow, dialog, Notification, protocol, shell } from 'electron';
import path from 'node:path';
import { startAppCore } from './core/startup';
import { APP_PAGE_URL, APP_ORIGIN, APP_SCHEME, rendererFiles } from './core/renderer-files';
import { KeytarSecretStore } from './core/accounts/keytar-secret-store';
import { startDemoEmulator } from './demo/start-demo-emulator';
import { createRouter } from './ipc/router';
import { registerElectronTransport } from './ipc/electron-transport';
import { createMainWindow, isOwnPage, lockDownSession } from './window';
import { refuseDebugSwitches } from './launch-switches';
import { installLastResort } from './core/faults';

// First of all: an installed build started with debugging switches exits (see launch-switches.ts).
refuseDebugSwitches({ packaged: app.isPackaged });

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const rendererName = typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
const development = !app.isPackaged;

// The page comes from our own scheme, never from file:// (the grantFileProtocolExtraPrivileges
// fuse is off): app://atlas/ serves the built renderer inside the app bundle, with its CSP and
// security headers, through the same handler the preview bridge uses.
const rendererDir = path.join(__dirname, `../renderer/${rendererName}`);
const pageUrl = devServerUrl ?? APP_PAGE_URL;
const preloadPath = path.join(__dirname, 'preload.cjs');

// Before ready: a standard, secure scheme gets an origin of its own (app://atlas), module
// scripts and storage; corsEnabled stays off, so no other origin may read from it.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

// A second start hands over to the running app (second-instance below) and ends before it
// touches the database.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

// Failures nobody waits for (a background loop's, an unhandled rejection) never end the app:
// printed until the core is up, then written to faults.log in the data folder and shown.
let reportFault = (what: string, error: unknown) => console.error(`AMI Atlas: ${what} failed`, error);
installLastResort((what, error) => reportFault(what, error));

/** The native save dialog, in the user's Documents folder, for CSV files. */
async function chooseSavePath(defaultName: string): Promise<string | null> {
  const options = {
    title: 'Export inventory',
    defaultPath: path.join(app.getPath('documents'), defaultName),
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/**
 * What the core asks to open: sign-in pages and AWS Console pages it built itself. Only https, or
 * the loopback demo world, ever reaches the browser.
 */
async function openInBrowser(url: string): Promise<void> {
  const parsed = new URL(url);
  const loopback = parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopback) throw new Error(`Refusing to open ${parsed.protocol} URL in the browser.`);
  await shell.openExternal(parsed.href); // eng-disable OPEN_EXTERNAL_JS_CHECK -- scheme and host checked above
}

/** An OS notification (copies that finish while the user is elsewhere). */
function notify({ title, body }: { title: string; body: string }): void {
  if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
}

async function start(): Promise<void> {
  lockDownSession();
  protocol.handle(APP_SCHEME, rendererFiles({ root: rendererDir, origin: APP_ORIGIN }));
  // A database that cannot be used does not stop the start: the core opens in recovery and the
  // window shows the recovery screen (restore a backup or start fresh).
  const dataDir = app.getPath('userData');
  const core = await startAppCore({
    databaseFile: path.join(dataDir, 'atlas.sqlite'),
    faultLogFile: path.join(dataDir, 'faults.log'),
    secrets: new KeytarSecretStore(),
    startDemoWorld: startDemoEmulator,
    openUrl: openInBrowser,
    chooseSavePath,
    notify,
    info: { name: 'AMI Atlas', version: app.getVersion(), platform: process.platform, host: 'electron' },
  });
  reportFault = (what, error) => {
    console.error(`AMI Atlas: ${what} failed`, error);
    core.reportFault(what, error);
  };
  const router = createRouter(core.handlers, {
    onInternalError: (channel, error) => console.error(`[ipc] ${channel} failed unexpectedly`, error),
  });
  const stopTransport = registerElectronTransport(router, core, (url) => isOwnPage(url, pageUrl));
  const open = () => createMainWindow({ preloadPath, pageUrl, development });
  open();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  // The database is closed before the process ends (its journal folded in, no write cut off):
  // the quit waits for it once, then goes on.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    stopTransport();
    void core
      .close()
      .catch((error: unknown) => console.error('AMI Atlas: closing the database failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

/**
 * Whatever goes wrong on the way to the window is said, and the app ends: never a process
 * without a window holding the single-instance lock.
 */
function failedToStart(error: unknown): void {
  console.error('AMI Atlas failed to start', error);
  const message = error instanceof Error ? error.message : String(error);
  try {
    dialog.showErrorBox('AMI Atlas could not start', `${message}\n\nYour accounts' secrets in the system keychain were not touched.`);
  } finally {
    app.exit(1);
  }
}

if (primary) app.whenReady().then(start).catch(failedToStart);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
