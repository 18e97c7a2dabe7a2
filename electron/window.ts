/**
 * The main window, locked down: isolated, sandboxed, no Node in the page, no navigation away
 * from our page, no new windows, no permission grants, devtools only in development.
 */
import { BrowserWindow, session, type WebContents } from 'electron';
import { isOwnPage } from './window-url';

export { isOwnPage };

export interface MainWindowOptions {
  preloadPath: string;
  /** The page: app://atlas/index.html (our scheme), or the dev server's URL under `npm start`. */
  pageUrl: string;
  development: boolean;
}

export function lockDownSession(): void {
  // No page of ours needs camera, notifications, geolocation…: refuse every request and check.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'AMI Atlas',
    show: false,
    webPreferences: {
      // The preload exposes only the typed contract's invoke/on (reviewed; see preload.ts).
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click must not open links in new windows behind our window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.development,
    },
  });
  guardNavigation(win.webContents, options.pageUrl);
  // Never an invisible window: shown when the page is painted, and at the latest after a few
  // seconds or when it failed to load (the page itself says what went wrong where it can).
  const show = () => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  };
  win.once('ready-to-show', show);
  const fallback = setTimeout(show, SHOW_AT_THE_LATEST_MS);
  win.once('closed', () => clearTimeout(fallback));
  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!isMainFrame) return;
    console.error(`[window] ${url} failed to load: ${description} (${code})`);
    show();
  });
  win.loadURL(options.pageUrl).catch((error: unknown) => console.error('[window] the page did not load', error));
  return win;
}

const SHOW_AT_THE_LATEST_MS = 5000;

function guardNavigation(contents: WebContents, pageUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url, pageUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnPage(url, pageUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
