/** Shortcuts of copying and jobs (Ctrl on Windows/Linux, Cmd on macOS). */
type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

const withShift = (event: KeyLike, key: string) => event.key.toLowerCase() === key && (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey;

/** Ctrl+Shift+C: copy the selected AMIs. */
export function isCopyKey(event: KeyLike): boolean {
  return withShift(event, 'c');
}

/** Ctrl+Shift+J: the jobs drawer. */
export function isJobsKey(event: KeyLike): boolean {
  return withShift(event, 'j');
}
