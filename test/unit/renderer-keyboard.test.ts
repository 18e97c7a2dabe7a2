/**
 * The keyboard in the renderer: the one list of shortcuts (labels on each system, matching, and
 * every key the code names being in it), and what list keys do to a multi-selection.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, followsFocus, keyMove, pick, type MultiSelection } from '../../renderer/lib/multiSelect';
import { KEYS, SHORTCUTS, SHORTCUT_GROUPS, ariaKeyShortcuts, chordLabel, matchesChord, shortcutsIn } from '../../renderer/lib/shortcuts';
import { isCopyKey, isJobsKey } from '../../renderer/lib/actionKeys';
import { isAuditLogKey, isQuickSwitchKey, isShareKey, isShortcutsKey } from '../../renderer/lib/keyboard';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('the list of shortcuts', () => {
  it('writes Ctrl where the app uses it, ⌘ and the Mac symbols on macOS', () => {
    expect(chordLabel(KEYS.quickSwitch, false)).toBe('Ctrl+K');
    expect(chordLabel(KEYS.quickSwitch, true)).toBe('⌘K');
    expect(chordLabel(KEYS.share, false)).toBe('Ctrl+Shift+S');
    expect(chordLabel(KEYS.share, true)).toBe('⇧⌘S');
    expect(chordLabel({ key: 'n', ctrl: true }, true)).toBe('⌃N');
    expect(chordLabel({ key: 'ArrowRight', alt: true }, true)).toBe('⌥→');
    expect(chordLabel({ key: 'ArrowRight', alt: true }, false)).toBe('Alt+→');
    expect(chordLabel({ key: 'ArrowDown', shift: true }, false)).toBe('Shift+↓');
    expect(chordLabel({ key: ' ' }, false)).toBe('Space');
    expect(chordLabel({ key: 'Escape' }, true)).toBe('Esc');
    expect(chordLabel({ key: 'Enter', mod: true }, true)).toBe('⌘↩');
    expect(chordLabel({ key: 'Click', mod: true }, false)).toBe('Ctrl+Click');
    expect(chordLabel({ key: 's' }, false)).toBe('s');
    expect(chordLabel(KEYS.shortcuts, true)).toBe('?');
  });

  it('names both modifiers for assistive technology, as the handlers take either', () => {
    expect(ariaKeyShortcuts(KEYS.quickSwitch)).toBe('Control+K Meta+K');
    expect(ariaKeyShortcuts(KEYS.jobs)).toBe('Control+Shift+J Meta+Shift+J');
    expect(ariaKeyShortcuts(KEYS.search)).toBe('/');
    expect(ariaKeyShortcuts({ key: 'Home', ctrl: true })).toBe('Control+Home');
  });

  it('matches a key press exactly: modifiers count, except Shift on `?` and `/`', () => {
    expect(matchesChord(press('?', { shiftKey: true }), KEYS.shortcuts)).toBe(true);
    expect(matchesChord(press('?'), KEYS.shortcuts)).toBe(true);
    expect(matchesChord(press('?', { ctrlKey: true, shiftKey: true }), KEYS.shortcuts)).toBe(false);
    expect(matchesChord(press('/'), KEYS.search)).toBe(true);
    expect(matchesChord(press('/', { altKey: true }), KEYS.search)).toBe(false);
    expect(matchesChord(press('k', { metaKey: true }), KEYS.quickSwitch)).toBe(true);
    expect(matchesChord(press('K', { ctrlKey: true, shiftKey: true }), KEYS.quickSwitch)).toBe(false);
    expect(matchesChord(press('S', { ctrlKey: true, shiftKey: true }), KEYS.share)).toBe(true);
    expect(matchesChord(press('s', { ctrlKey: true }), KEYS.share)).toBe(false);
    expect(matchesChord(press('n', { ctrlKey: true }), { key: 'n', ctrl: true })).toBe(true);
    expect(matchesChord(press('n', { metaKey: true }), { key: 'n', ctrl: true })).toBe(false);
    expect(matchesChord(press('s'), { key: 's' })).toBe(true);
    expect(matchesChord(press('S', { shiftKey: true }), { key: 's' })).toBe(false);
  });

  it('is what the handlers match', () => {
    expect(isQuickSwitchKey(press('k', { ctrlKey: true }))).toBe(true);
    expect(isShareKey(press('S', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isAuditLogKey(press('L', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isCopyKey(press('C', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isJobsKey(press('J', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isShortcutsKey(press('?', { shiftKey: true }))).toBe(true);
    expect(isCopyKey(press('c', { ctrlKey: true }))).toBe(false);
  });

  it('puts every shortcut in a group that is shown, each group holding some', () => {
    for (const s of SHORTCUTS) expect(SHORTCUT_GROUPS).toContain(s.group);
    for (const group of SHORTCUT_GROUPS) expect(shortcutsIn(group).length).toBeGreaterThan(0);
    expect(shortcutsIn('Selection').map((s) => s.keys.map((k) => chordLabel(k, false)).join(' '))).toEqual(
      expect.arrayContaining(['Space', 'Shift+↓ Shift+↑', 'Ctrl+A', 'Ctrl+Click', 'Shift+Click']),
    );
  });

  it('lists every key the code announces: aria-keyshortcuts and the views’ Ctrl+Shift letters', () => {
    const root = fileURLToPath(new URL('../../renderer', import.meta.url));
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.tsx') || f.endsWith('.ts'));
    const listed = new Set(SHORTCUTS.flatMap((s) => s.keys.map((k) => ariaKeyShortcuts(k))));
    const announced = new Set<string>();
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/aria-keyshortcuts="([^"]+)"/g)) announced.add(m[1]!);
      // <ModeEntry … shortcut="M" />: Ctrl/Cmd+Shift+M toggles that view.
      for (const m of text.matchAll(/\bshortcut="([A-Z])"/g)) announced.add(ariaKeyShortcuts({ key: m[1]!, mod: true, shift: true }));
    }
    expect(announced.size).toBeGreaterThan(4);
    for (const keys of announced) expect(listed, keys).toContain(keys);
  });
});

describe('list keys and a multi-selection', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  const sel = (ids: string[], anchor: string | null): MultiSelection => ({ selected: new Set(ids), anchor });
  const plain = { shift: false, mod: false };

  it('a plain move takes a one-row selection along, as before', () => {
    const moved = keyMove(sel(['b'], 'b'), 'b', 'c', plain, order);
    expect([...moved.selected]).toEqual(['c']);
    expect(moved.anchor).toBe('c');
    expect([...keyMove(EMPTY_SELECTION, null, 'a', plain, order).selected]).toEqual(['a']);
  });

  it('a plain move keeps a selection of several rows, and one that is not the focus', () => {
    const several = pick(pick(sel(['a'], 'a'), 'c', 'toggle', order), 'e', 'toggle', order);
    expect(keyMove(several, 'e', 'd', plain, order)).toBe(several);
    const elsewhere = sel(['a'], 'a');
    expect(keyMove(elsewhere, 'c', 'd', plain, order)).toBe(elsewhere);
    expect(followsFocus(elsewhere, 'c', order)).toBe(false);
    expect(followsFocus(elsewhere, 'a', order)).toBe(true);
    expect(followsFocus(EMPTY_SELECTION, null, order)).toBe(true);
  });

  it('counts only the rows shown: a selection a search hides is not kept by plain moves', () => {
    const hidden = sel(['x', 'y'], 'y');
    expect(followsFocus(hidden, 'a', order)).toBe(true);
    expect([...keyMove(hidden, 'a', 'b', plain, order).selected]).toEqual(['b']);
    // One shown and one hidden, the shown one focused: the move takes the selection along.
    expect(followsFocus(sel(['x', 'c'], 'c'), 'c', order)).toBe(true);
    expect(followsFocus(sel(['a', 'c'], 'c'), 'c', order)).toBe(false);
  });

  it('Ctrl/Cmd moves the focus alone, even from a one-row selection', () => {
    const one = sel(['b'], 'b');
    expect(keyMove(one, 'b', 'c', { shift: false, mod: true }, order)).toBe(one);
  });

  it('Shift extends from the anchor, or from the focus when there is none', () => {
    expect([...keyMove(sel(['b'], 'b'), 'b', 'd', { shift: true, mod: false }, order).selected]).toEqual(['b', 'c', 'd']);
    const fromFocus = keyMove(EMPTY_SELECTION, 'c', 'd', { shift: true, mod: false }, order);
    expect([...fromFocus.selected]).toEqual(['c', 'd']);
    expect(fromFocus.anchor).toBe('c');
  });

  it('Space (a toggle at the focus) adds and removes without touching the rest', () => {
    const two = pick(sel(['a'], 'a'), 'c', 'toggle', order);
    const moved = keyMove(two, 'c', 'd', plain, order);
    const added = pick(moved, 'd', 'toggle', order);
    expect([...added.selected].sort()).toEqual(['a', 'c', 'd']);
    expect([...pick(added, 'c', 'toggle', order).selected].sort()).toEqual(['a', 'd']);
  });
});

