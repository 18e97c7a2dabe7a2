/**
 * One shared clock for every relative time on screen ("3 min ago"), so they all advance together
 * and a table of thousands of rows does not start thousands of timers.
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 30_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useNow(): number {
  // The third snapshot serves markup rendered outside a browser (tests render views to text).
  return useSyncExternalStore(subscribe, () => now, () => now);
}
