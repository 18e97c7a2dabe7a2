import { useEffect } from 'react';
import { useAtlas } from '../store';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { findAccount, findClient } from '../lib/workspace';
import { Sidebar } from './Sidebar';
import { DetailPane } from '../features/images/detail/DetailPane';
import { ImagesView } from '../features/images/ImagesView';
import { InventoryView } from '../features/inventory/InventoryView';
import { ScanLine } from '../features/inventory/ScanLine';
import { BuilderView } from '../features/builder/BuilderView';
import { CleanupView } from '../features/cleanup/CleanupView';
import { AuditLog } from '../features/sharing/AuditLog';
import { openShareWith } from '../lib/shareSelection';
import { ShareMatrixView } from '../features/sharing/ShareMatrixView';
import { isAuditLogKey, isQuickSwitchKey, isShareKey, isShortcutsKey, isTextEntry, isTypingTarget } from '../lib/keyboard';
import { TopBar } from './TopBar';

const NAV_KEYS = new Set(['ArrowDown', 'ArrowUp', 'j', 'k', 'Home', 'End', 'PageDown', 'PageUp', 'Enter']);

function gridElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-grid-focus]');
}

/** The main window once there is at least one account. */
export function Shell() {
  const detailOpen = useAtlas((s) => s.detailOpen);
  const mode = useAtlas((s) => s.mode);
  const closeDetail = useAtlas((s) => s.closeDetail);
  const openDialog = useAtlas((s) => s.openDialog);
  const closeDialog = useAtlas((s) => s.closeDialog);
  const color = useAtlas((s) => findClient(s.workspace, findAccount(s.workspace, s.accountId)?.clientId)?.color);

  // The quick switcher answers everywhere, even in a text field; it toggles, and never opens
  // over another dialog (an MFA prompt or a confirm sheet must be answered first).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isQuickSwitchKey(event)) return;
      event.preventDefault();
      if (useAtlas.getState().dialog?.kind === 'quick-switcher') closeDialog();
      else if (!document.querySelector('dialog[open]')) openDialog({ kind: 'quick-switcher' });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openDialog, closeDialog]);

  // `?` lists every shortcut, from anywhere but a text field (there it types a `?`); pressed
  // again it closes the list. Never over another dialog. Capture phase, and stopped there, so the
  // sidebar's type-to-filter does not take the character as well.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isShortcutsKey(event) || isTextEntry(event.target)) return;
      const showing = useAtlas.getState().dialog?.kind === 'shortcuts';
      if (!showing && document.querySelector('dialog[open]')) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.repeat) return;
      if (showing) closeDialog();
      else openDialog({ kind: 'shortcuts' });
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [openDialog, closeDialog]);

  // Sharing shortcuts: "Share with…" for the picked owned rows, and the audit log. Not over a dialog.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const share = isShareKey(event);
      if (!share && !isAuditLogKey(event)) return;
      event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const state = useAtlas.getState();
      if (share) openShareWith(state);
      else state.setMode(state.mode === 'audit' ? 'accounts' : 'audit');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (event.key === 'Escape' && detailOpen) {
        event.preventDefault();
        closeDetail();
        gridElement()?.focus();
        return;
      }
      // With nothing focused (after a click on empty space), list keys still drive the list.
      if (NAV_KEYS.has(event.key) && (event.target === document.body || event.target === null)) {
        const grid = gridElement();
        if (!grid) return;
        event.preventDefault();
        grid.focus();
        grid.dispatchEvent(new KeyboardEvent('keydown', { key: event.key, shiftKey: event.shiftKey, bubbles: true, cancelable: true }));
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [detailOpen, closeDetail]);

  return (
    <div className={`shell${detailOpen ? ' has-detail' : ''}`}>
      {/* The client's colour across the top edge: a constant, peripheral "where am I". */}
      <div className="client-strip" style={{ background: color ?? 'var(--border)' }} aria-hidden="true" />
      <TopBar />
      <Sidebar />
      <main className="content">
        <ScanLine />
        {mode === 'inventory' ? (
          <ErrorBoundary area="The inventory" compact>
            <InventoryView />
          </ErrorBoundary>
        ) : mode === 'matrix' ? (
          <ErrorBoundary area="The share matrix" compact>
            <ShareMatrixView />
          </ErrorBoundary>
        ) : mode === 'audit' ? (
          <ErrorBoundary area="The audit log" compact>
            <AuditLog />
          </ErrorBoundary>
        ) : mode === 'builder' ? (
          <ErrorBoundary area="Image Builder" compact>
            <BuilderView />
          </ErrorBoundary>
        ) : mode === 'cleanup' ? (
          <ErrorBoundary area="Clean-up" compact>
            <CleanupView />
          </ErrorBoundary>
        ) : (
          <ErrorBoundary area="The image list" compact>
            <ImagesView />
          </ErrorBoundary>
        )}
      </main>
      {detailOpen && (
        <ErrorBoundary area="The detail pane" compact>
          <DetailPane />
        </ErrorBoundary>
      )}
    </div>
  );
}
