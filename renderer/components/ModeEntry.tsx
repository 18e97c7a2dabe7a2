import { useEffect, type ReactNode } from 'react';
import { useAtlas } from '../store';
import type { Mode } from '../store/types';
import { isShiftShortcut, shiftShortcutLabel } from '../lib/keyboard';
import { Icon, type IconName } from './Icon';

interface ModeEntryProps {
  /** `accounts` is the active account's AMI list (the place every other view toggles back to). */
  mode: Mode;
  label: string;
  icon: IconName;
  /** What the view is, for the tooltip (the shortcut is added to it). */
  title: string;
  testId?: string;
  className?: string;
  /** Ctrl/Cmd+Shift+<shortcut> opens it; with `toggles`, this entry listens for it (from anywhere but a dialog). */
  shortcut?: string;
  toggles?: boolean;
  /** After the label (a count). */
  children?: ReactNode;
}

/** One of the sidebar's places (AMIs, Inventory, Share matrix, Audit log, Image Builder, Clean-up): opens it, and says when it is open. */
export function ModeEntry({ mode, label, icon, title, testId, className, shortcut, toggles = false, children }: ModeEntryProps) {
  const active = useAtlas((s) => s.mode === mode);
  const setMode = useAtlas((s) => s.setMode);

  useEffect(() => {
    if (!shortcut || !toggles) return undefined;
    function onKeyDown(event: KeyboardEvent) {
      if (!isShiftShortcut(event, shortcut!)) return;
      event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const state = useAtlas.getState();
      state.setMode(state.mode === mode ? 'accounts' : mode);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [mode, shortcut, toggles]);

  const key = shortcut?.toUpperCase();
  return (
    <button
      type="button"
      className={`inventory-entry${className ? ` ${className}` : ''}${active ? ' is-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      aria-keyshortcuts={key ? `Control+Shift+${key} Meta+Shift+${key}` : undefined}
      title={key ? `${title} (${shiftShortcutLabel(key)})` : title}
      data-testid={testId}
      onClick={() => setMode(mode)}
    >
      <Icon name={icon} size={14} />
      <span className="inventory-entry-label">{label}</span>
      {children}
    </button>
  );
}
