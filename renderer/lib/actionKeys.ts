/** Shortcuts of copying and jobs (Ctrl on Windows/Linux, Cmd on macOS); the keys are listed in lib/shortcuts. */
import { KEYS, matchesChord } from './shortcuts';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Ctrl+Shift+C: copy the selected AMIs. */
export function isCopyKey(event: KeyLike): boolean {
  return matchesChord(event, KEYS.copy);
}

/** Ctrl+Shift+J: the jobs drawer. */
export function isJobsKey(event: KeyLike): boolean {
  return matchesChord(event, KEYS.jobs);
}
