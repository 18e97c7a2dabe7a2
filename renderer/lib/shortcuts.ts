/**
 * Every keyboard shortcut of the app, in one list: the `?` dialog shows it, and the handlers that
 * have one key of their own (Ctrl+K, the Ctrl+Shift views, `/`, `?`) match and label their keys
 * from `KEYS` here, so what the dialog says and what the keys do cannot drift apart. Pure.
 */

/**
 * One key combination. `mod` is Ctrl, or ⌘ on macOS (the app's shortcuts); `ctrl` is the
 * Control key on every system (Ctrl+N in lists, as in Emacs and macOS text fields). A key of
 * more than one character that is not a KeyboardEvent key name ("Click", "Letters") is shown as
 * it is written.
 */
export interface Chord {
  key: string;
  mod?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
}

/** In the order shown; groups flow down three columns, so this order also balances them. */
export const SHORTCUT_GROUPS = [
  'Navigation',
  'Views and panels',
  'Sidebar',
  'AMIs',
  'Selection',
  'Share matrix',
  'Image Builder',
  'Lists, menus and tabs',
  'Dialogs',
] as const;
export type ShortcutGroup = (typeof SHORTCUT_GROUPS)[number];

export interface Shortcut {
  group: ShortcutGroup;
  /** Alternatives: any one of them does it. */
  keys: readonly Chord[];
  does: string;
}

const mod = (key: string, shift = false): Chord => (shift ? { key, mod: true, shift: true } : { key, mod: true });

/** The shortcuts whose handlers take their keys from here. */
export const KEYS = {
  quickSwitch: mod('K'),
  search: { key: '/' },
  shortcuts: { key: '?' },
  share: mod('S', true),
  copy: mod('C', true),
  auditLog: mod('L', true),
  matrix: mod('M', true),
  builder: mod('B', true),
  cleanup: mod('X', true),
  jobs: mod('J', true),
} as const satisfies Record<string, Chord>;

const k = (key: string, extra: Omit<Chord, 'key'> = {}): Chord => ({ key, ...extra });

export const SHORTCUTS: readonly Shortcut[] = [
  { group: 'Navigation', keys: [KEYS.quickSwitch], does: 'Switch account or region, or find an AMI by id or name (also while typing)' },
  { group: 'Navigation', keys: [KEYS.search], does: 'Search the AMI list (in the inventory: filter it)' },
  { group: 'Navigation', keys: [k('Escape')], does: 'In the search: clear it, then go back to the list' },
  { group: 'Navigation', keys: [k('ArrowDown'), k('Enter')], does: 'In the search: go to the results' },
  { group: 'Navigation', keys: [k('Escape')], does: 'Close the detail pane' },
  { group: 'Navigation', keys: [KEYS.shortcuts], does: 'Show these shortcuts' },

  { group: 'Views and panels', keys: [KEYS.matrix], does: 'Share matrix (again: back to the account)' },
  { group: 'Views and panels', keys: [KEYS.auditLog], does: 'Audit log (again: back to the account)' },
  { group: 'Views and panels', keys: [KEYS.builder], does: 'Image Builder (again: back to the account)' },
  { group: 'Views and panels', keys: [KEYS.cleanup], does: 'Clean-up (again: back to the account)' },
  { group: 'Views and panels', keys: [KEYS.jobs], does: 'Show or hide the jobs' },
  { group: 'Views and panels', keys: [k('Escape')], does: 'Close the jobs or the scan panel' },

  { group: 'AMIs', keys: [k('ArrowDown'), k('j')], does: 'Next AMI' },
  { group: 'AMIs', keys: [k('ArrowUp'), k('k')], does: 'Previous AMI' },
  { group: 'AMIs', keys: [k('Home'), k('End')], does: 'First or last AMI' },
  { group: 'AMIs', keys: [k('PageUp'), k('PageDown')], does: 'A page up or down' },
  { group: 'AMIs', keys: [k('Enter')], does: 'Open the focused AMI’s details' },
  { group: 'AMIs', keys: [k('s'), KEYS.share], does: 'Share the selected AMIs with a client or account' },
  { group: 'AMIs', keys: [k('c'), KEYS.copy], does: 'Copy the selected AMIs' },
  { group: 'AMIs', keys: [k('Delete')], does: 'Deregister the selected AMIs' },
  { group: 'AMIs', keys: [k('d')], does: 'Compare the two selected AMIs (one: compare it with another)' },
  { group: 'AMIs', keys: [k('F10', { shift: true }), k('ContextMenu')], does: 'Actions of the focused AMI' },
  { group: 'AMIs', keys: [k('ArrowLeft', { alt: true }), k('ArrowRight', { alt: true })], does: 'On a column heading: make the column narrower or wider (or drag its edge; double-click the edge to fit)' },

  { group: 'Selection', keys: [k('Click')], does: 'Select one AMI and open its details' },
  { group: 'Selection', keys: [k('Click', { mod: true })], does: 'Add an AMI to the selection, or take it out' },
  { group: 'Selection', keys: [k('Click', { shift: true })], does: 'Select the range from the last AMI picked' },
  { group: 'Selection', keys: [k(' ')], does: 'Add the focused AMI to the selection, or take it out' },
  { group: 'Selection', keys: [k('ArrowDown', { shift: true }), k('ArrowUp', { shift: true })], does: 'Extend the selection' },
  {
    group: 'Selection',
    keys: [k('ArrowDown'), k('ArrowUp')],
    does: 'Move the focus; a selection of several AMIs stays as it is (one AMI moves along)',
  },
  { group: 'Selection', keys: [k('ArrowDown', { mod: true }), k('ArrowUp', { mod: true })], does: 'Move the focus alone' },
  { group: 'Selection', keys: [k('A', { mod: true })], does: 'Select every AMI shown' },
  { group: 'Selection', keys: [k('Escape')], does: 'With the details closed: keep only the focused AMI selected' },

  { group: 'Sidebar', keys: [k('ArrowDown'), k('ArrowUp')], does: 'Move between clients and accounts' },
  { group: 'Sidebar', keys: [k('ArrowRight'), k('ArrowLeft')], does: 'Open or close a client' },
  { group: 'Sidebar', keys: [k('Enter'), k(' ')], does: 'Switch to the account; open or close the client' },
  { group: 'Sidebar', keys: [k('Home'), k('End'), k('PageUp'), k('PageDown')], does: 'First, last, a page up or down' },
  { group: 'Sidebar', keys: [k('F10', { shift: true }), k('ContextMenu')], does: 'Settings of the client or account' },
  { group: 'Sidebar', keys: [k('Letters')], does: 'Filter clients and accounts by name, alias, id or client' },

  { group: 'Share matrix', keys: [k('ArrowDown'), k('ArrowUp'), k('ArrowLeft'), k('ArrowRight')], does: 'Move between cells (also j and k)' },
  { group: 'Share matrix', keys: [k('Home'), k('End')], does: 'First or last account of the row' },
  { group: 'Share matrix', keys: [k('Home', { ctrl: true }), k('End', { ctrl: true })], does: 'First or last cell' },
  { group: 'Share matrix', keys: [k(' '), k('Enter')], does: 'Share with that account, or stop (confirmed first)' },

  { group: 'Image Builder', keys: [k('ArrowDown'), k('ArrowUp')], does: 'Next or previous pipeline (also j and k, Home, End)' },
  { group: 'Image Builder', keys: [k('ArrowRight', { alt: true }), k('ArrowLeft', { alt: true })], does: 'New pipeline: next or previous step' },

  { group: 'Lists, menus and tabs', keys: [k('ArrowDown'), k('ArrowUp')], does: 'Next or previous choice in the switcher, a picker or a menu' },
  { group: 'Lists, menus and tabs', keys: [k('n', { ctrl: true }), k('p', { ctrl: true })], does: 'Next or previous choice in the switcher or a picker' },
  { group: 'Lists, menus and tabs', keys: [k('Enter')], does: 'Take the chosen one' },
  { group: 'Lists, menus and tabs', keys: [k('ArrowRight'), k('ArrowLeft')], does: 'Next or previous tab' },
  { group: 'Lists, menus and tabs', keys: [k('Escape')], does: 'Close a menu' },

  { group: 'Dialogs', keys: [k('Escape')], does: 'Close the dialog (in an open list or suggestions: close just those)' },
  { group: 'Dialogs', keys: [k('Escape')], does: 'In an MFA prompt: cancel it' },
  { group: 'Dialogs', keys: [k('Tab'), k('Tab', { shift: true })], does: 'Next or previous field (the focus stays in the dialog)' },
  { group: 'Dialogs', keys: [k('Enter', { mod: true })], does: 'Same role in many accounts: add them' },
];

/** The shortcuts of one group, in the order listed. */
export function shortcutsIn(group: ShortcutGroup): Shortcut[] {
  return SHORTCUTS.filter((s) => s.group === group);
}

const KEY_NAMES: Record<string, { other: string; mac?: string }> = {
  ArrowUp: { other: '↑' },
  ArrowDown: { other: '↓' },
  ArrowLeft: { other: '←' },
  ArrowRight: { other: '→' },
  ' ': { other: 'Space' },
  Escape: { other: 'Esc' },
  Enter: { other: 'Enter', mac: '↩' },
  Tab: { other: 'Tab', mac: '⇥' },
  Delete: { other: 'Delete', mac: '⌦' },
  PageUp: { other: 'Page Up' },
  PageDown: { other: 'Page Down' },
  ContextMenu: { other: 'Menu key' },
};

/** How a key is written: "↓", "Space", "Esc"; a letter with a modifier in capitals ("Ctrl+K"). */
export function keyName(chord: Chord, mac: boolean): string {
  const named = KEY_NAMES[chord.key];
  if (named) return (mac ? named.mac : undefined) ?? named.other;
  if (chord.key.length === 1 && (chord.mod || chord.ctrl || chord.alt)) return chord.key.toUpperCase();
  return chord.key;
}

/** "Ctrl+Shift+S" elsewhere, "⇧⌘S" on macOS (its modifier order: ⌃⌥⇧⌘). */
export function chordLabel(chord: Chord, mac: boolean): string {
  const key = keyName(chord, mac);
  if (mac) return `${chord.ctrl ? '⌃' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${key}`;
  return [chord.ctrl || chord.mod ? 'Ctrl' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, key].filter(Boolean).join('+');
}

/** The aria-keyshortcuts value: "Control+Shift+S Meta+Shift+S" (both, as the handlers take either). */
export function ariaKeyShortcuts(chord: Chord): string {
  const key = chord.key === ' ' ? 'Space' : chord.key;
  const parts = (first: string | null) => [first, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, key].filter(Boolean).join('+');
  if (chord.mod) return `${parts('Control')} ${parts('Meta')}`;
  return parts(chord.ctrl ? 'Control' : null);
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * Whether a key press is the chord. Letters match in either case; for a character that is not a
 * letter (`?`, `/`) Shift is not asked about, since keyboard layouts put them on different keys.
 */
export function matchesChord(event: KeyLike, chord: Chord): boolean {
  if (event.key.toLowerCase() !== chord.key.toLowerCase()) return false;
  if (!!chord.alt !== event.altKey) return false;
  if (chord.mod) {
    if (!event.ctrlKey && !event.metaKey) return false;
  } else if (event.metaKey || event.ctrlKey !== !!chord.ctrl) return false;
  const symbol = chord.key.length === 1 && chord.key.toLowerCase() === chord.key.toUpperCase();
  return symbol || !!chord.shift === event.shiftKey;
}
