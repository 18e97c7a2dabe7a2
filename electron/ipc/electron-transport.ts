/** Connects the router to Electron IPC: one invoke handler, events pushed to our windows. */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_PREFIX, IPC_INVOKE } from '../../shared/contract';
import type { AppCore } from '../core/app-core';
import type { Router } from './router';

export function registerElectronTransport(router: Router, core: AppCore, isOwnPage: (url: string) => boolean): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    // Only our page's top frame may call: never an iframe, never a page we navigated to by mistake.
    return frame !== null && frame === event.sender.mainFrame && isOwnPage(frame.url);
  };
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, input: unknown) =>
    router.handle(channel, input, { trusted: trusted(event), label: event.senderFrame?.url ?? 'unknown frame' }),
  );
  const stopEvents = core.onEvent((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed() && isOwnPage(win.webContents.getURL())) win.webContents.send(IPC_EVENT_PREFIX + name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    stopEvents();
  };
}
