/**
 * The page-side half of the preview bridge, served as a classic script before the app's own
 * bundle: it gives the page the same `window.atlas` the Electron preload exposes, over a
 * WebSocket to the loopback preview server. Kept as a string so it is served verbatim.
 */
/** Starts a frame holding one large string of the next message, and names it there: { [LARGE_MARK]: index }. */
export const LARGE_MARK = '\u0001';
/** Strings this long travel in frames of their own (see the server's send). */
export const LARGE_STRING = 64 * 1024;

export const PREVIEW_SHIM_JS = `(() => {
  'use strict';
  const MARK = '\\u0001';
  // Large strings of the next message, in order (the server sends them just before it).
  const parts = [];
  const revive = (key, value) => (value && typeof value === 'object' && MARK in value ? parts[value[MARK]] : value);
  const token = new URLSearchParams(location.search).get('token') || '';
  const socket = new WebSocket('ws://' + location.host + '/__preview/ws?token=' + encodeURIComponent(token));
  const pending = new Map();
  const listeners = new Map();
  const queue = [];
  let nextId = 1;
  let closed = false;
  const lost = (message) => ({ ok: false, error: { code: 'NETWORK', message, retryable: true } });
  socket.addEventListener('open', () => { for (const m of queue.splice(0)) socket.send(m); });
  socket.addEventListener('message', (msg) => {
    if (typeof msg.data === 'string' && msg.data.charCodeAt(0) === 1) { parts.push(msg.data.slice(1)); return; }
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
