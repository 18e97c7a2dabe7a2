/**
 * The page-side half of the preview bridge, served as a classic script before the app's own
 * bundle: it gives the page the same `window.atlas` the Electron preload exposes, over a
 * WebSocket to the loopback preview server. Kept as a string so it is served verbatim.
 */
/**
 * Names, in a message, bytes the page fetches from BYTES_PATH + name (once): { [BYTES_MARK]: name }
 * stands for a Uint8Array of them (see the server's send).
 */
export const BYTES_MARK = '\u0001';
export const BYTES_PATH = '/__preview/bytes/';

export const PREVIEW_SHIM_JS = `(() => {
  'use strict';
  const MARK = '\\u0001';
  const token = new URLSearchParams(location.search).get('token') || '';
  const socket = new WebSocket('ws://' + location.host + '/__preview/ws?token=' + encodeURIComponent(token));
  const pending = new Map();
  const listeners = new Map();
  const queue = [];
  let nextId = 1;
  let closed = false;
  // Messages are handled in the order they came, each once the bytes it names have arrived.
  let handled = Promise.resolve();
  const lost = (message) => ({ ok: false, error: { code: 'NETWORK', message, retryable: true } });
  const fetchBytes = (name) =>
    fetch('${BYTES_PATH}' + encodeURIComponent(name) + '?token=' + encodeURIComponent(token), { cache: 'no-store', credentials: 'omit' }).then((r) => {
      if (!r.ok) throw new Error('bytes ' + r.status);
      // Through a Blob: Chromium then takes the body in large reads, not the page's many small ones
      // (34 MiB of pages arrive in about half the time).
      return r.blob();
    }).then((b) => b.arrayBuffer());
  const deliver = (data) => {
    if (typeof data.id === 'number' && pending.has(data.id)) {
      pending.get(data.id)(data.envelope);
      pending.delete(data.id);
    } else if (typeof data.event === 'string') {
      for (const l of listeners.get(data.event) || []) l(data.payload);
    }
  };
  socket.addEventListener('open', () => { for (const m of queue.splice(0)) socket.send(m); });
  socket.addEventListener('message', (msg) => {
    if (typeof msg.data !== 'string') return;
    // Where the message names bytes: the object holding the name, its key, and the name.
    const named = [];
    let data;
    try {
      data = JSON.parse(msg.data, function (key, value) {
        if (value && typeof value === 'object' && typeof value[MARK] === 'string') named.push([this, key, value[MARK]]);
        return value;
      });
    } catch { return; }
    if (!data || typeof data !== 'object') return;
    // Fetched at once (several answers' bytes on the way together), handed over in order.
    const arrived = named.length === 0 ? null : Promise.all(named.map(([holder, key, name]) => fetchBytes(name).then((b) => { holder[key] = new Uint8Array(b); })));
    handled = handled.then(() => arrived).then(
      () => deliver(data),
      () => {
        if (typeof data.id === 'number' && pending.has(data.id)) {
          pending.get(data.id)(lost('The preview bridge could not deliver an answer. Reload the page.'));
          pending.delete(data.id);
        }
      },
    );
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
