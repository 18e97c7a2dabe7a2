/**
 * The page-side half of the preview bridge, served as a classic script before the app's own
 * bundle: it gives the page the same `window.atlas` the Electron preload exposes, over a
 * WebSocket to the loopback preview server. Kept as a string so it is served verbatim.
 */
/**
 * Names, in a message, the binary frame sent just before it that holds a value's bytes:
 * { [BYTES_MARK]: index } stands for a Uint8Array of them (see the server's send).
 */
export const BYTES_MARK = '\u0001';

export const PREVIEW_SHIM_JS = `(() => {
  'use strict';
  const MARK = '\\u0001';
  // The binary frames of the next message, in order (the server sends them just before it).
  const parts = [];
  const revive = (key, value) => (value && typeof value === 'object' && typeof value[MARK] === 'number' ? parts[value[MARK]] : value);
  const token = new URLSearchParams(location.search).get('token') || '';
  const socket = new WebSocket('ws://' + location.host + '/__preview/ws?token=' + encodeURIComponent(token));
  socket.binaryType = 'arraybuffer';
  const pending = new Map();
  const listeners = new Map();
  const queue = [];
  let nextId = 1;
  let closed = false;
  const lost = (message) => ({ ok: false, error: { code: 'NETWORK', message, retryable: true } });
  socket.addEventListener('open', () => { for (const m of queue.splice(0)) socket.send(m); });
  socket.addEventListener('message', (msg) => {
    if (typeof msg.data !== 'string') { parts.push(new Uint8Array(msg.data)); return; }
    let data;
    try { data = parts.length > 0 ? JSON.parse(msg.data, revive) : JSON.parse(msg.data); } catch { parts.length = 0; return; }
    parts.length = 0;
    if (typeof data.id === 'number' && pending.has(data.id)) {
      pending.get(data.id)(data.envelope);
      pending.delete(data.id);
    } else if (typeof data.event === 'string') {
      for (const l of listeners.get(data.event) || []) l(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const resolve of pending.values()) resolve(lost('The preview bridge closed the connection. Restart npm run preview and reload.'));
    pending.clear();
  });
  window.atlas = Object.freeze({
    invoke(channel, input) {
      if (closed) return Promise.resolve(lost('The preview bridge is not connected. Restart npm run preview and reload.'));
      const id = nextId++;
      const message = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(message); else queue.push(message);
      });
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
  });
})();
`;
