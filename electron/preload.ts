/**
 * Runs in the sandboxed renderer before the page. Exposes exactly `window.atlas.invoke/on`,
 * for the contract's channels and events only; no ipcRenderer or Node API reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, eventNames, IPC_EVENT_PREFIX, IPC_INVOKE, type AtlasBridge, type Envelope } from '../shared/contract';

const knownChannels = new Set<string>(channelNames);
const knownEvents = new Set<string>(eventNames);

const atlas: AtlasBridge = {
  invoke(channel, input) {
    if (!knownChannels.has(channel)) {
      const refused: Envelope<never> = {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${JSON.stringify(String(channel).slice(0, 80))}.`, retryable: false },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<Envelope<unknown>>;
  },
  on(event, listener) {
    if (!knownEvents.has(event)) throw new Error(`Unknown event ${JSON.stringify(String(event).slice(0, 80))}.`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(IPC_EVENT_PREFIX + event, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_PREFIX + event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('atlas', atlas);
