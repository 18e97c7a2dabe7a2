import { KEYS, chordLabel, matchesChord } from './shortcuts';

/** True when a key press belongs to a text field (or a dialog), not to the app's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return isTextEntry(target) || !!target.closest('dialog[open]');
}

/** A field that takes typed characters: a text input, a text area, a list box or editable text. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
  }
  return false;
}

export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

/** "⌘K" on macOS, "Ctrl+K" elsewhere. */
export function shortcutLabel(key: string): string {
  return chordLabel({ key, mod: true }, isMac());
}

/** Ctrl+K (Cmd+K on macOS): the quick switcher, from anywhere, even while typing. */
export function isQuickSwitchKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return matchesChord(event, KEYS.quickSwitch);
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Ctrl+Shift+<key> (Cmd+Shift+<key> on macOS). */
export function isShiftShortcut(event: KeyLike, key: string): boolean {
  return matchesChord(event, { key, mod: true, shift: true });
}

/** Ctrl+Shift+S (Cmd+Shift+S): "Share with…" for the selected owned AMIs. */
export function isShareKey(event: KeyLike): boolean {
  return matchesChord(event, KEYS.share);
}

/** Ctrl+Shift+L (Cmd+Shift+L): the audit log of sharing changes. */
export function isAuditLogKey(event: KeyLike): boolean {
  return matchesChord(event, KEYS.auditLog);
}

/** `?` (Shift+/ on most layouts): the list of every shortcut. */
export function isShortcutsKey(event: KeyLike): boolean {
  return matchesChord(event, KEYS.shortcuts);
}

/** "⇧⌘S" on macOS, "Ctrl+Shift+S" elsewhere. */
export function shiftShortcutLabel(key: string): string {
  return chordLabel({ key, mod: true, shift: true }, isMac());
}
