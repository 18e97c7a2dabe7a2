/**
 * How one feature asks another to act without importing it (features never import each other):
 * the asking feature sends an intent, and the shell wires which feature answers it
 * (renderer/shell/wiring.ts), so the shell stays the one place that knows how features meet.
 */
import type { ImageRef } from '../../shared/sharing';
import type { TagTarget } from './tagEdit';

export interface CopySourceImage {
  ref: ImageRef;
  name: string;
  encrypted: boolean;
}

export interface OpenCopyInput {
  sources: CopySourceImage[];
  destinationAccount: string;
  sourceRegion: string;
  crossAccount: boolean;
  /** Preselected destination regions. */
  regions: string[];
}

export interface Intents {
  /** Open the copy dialog for these images (answered by the copy feature). */
  'copy:open': OpenCopyInput;
  /** Open the tag sheet for these AMIs (answered by the lifecycle feature). */
  'tags:open': { targets: TagTarget[] };
}

type Handler<K extends keyof Intents> = (payload: Intents[K]) => void;
const handlers: { [K in keyof Intents]?: Handler<K> } = {};

/** Makes `handler` the answer to `name` until the returned function is called. */
export function answerIntent<K extends keyof Intents>(name: K, handler: Handler<K>): () => void {
  handlers[name] = handler as (typeof handlers)[K];
  return () => {
    if (handlers[name] === handler) delete handlers[name];
  };
}

/** Sends an intent; false when no feature answers it on this page. */
export function sendIntent<K extends keyof Intents>(name: K, payload: Intents[K]): boolean {
  const handler = handlers[name] as Handler<K> | undefined;
  if (!handler) return false;
  handler(payload);
  return true;
}
