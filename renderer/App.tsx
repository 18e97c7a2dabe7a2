import { useEffect } from 'react';
import { on } from './api';
import { useAtlas } from './store';
import { ConfirmChangeHost } from './components/ConfirmProduction';
import { ErrorBanner } from './components/ErrorBanner';
import { ProgressBar } from './components/Spinner';
import { AccountDialogs } from './shell/AccountDialogs';
import { MfaPromptHost } from './features/accounts/MfaPrompt';
import { Welcome } from './shell/Welcome';
import { AppMark } from './components/AppMark';
import { SharePickerHost } from './features/sharing/SharePicker';
import { ShareSheetHost } from './features/sharing/ShareSheet';
import { Shell } from './shell/Shell';
import { CopyDialogHost } from './features/copy/CopyDialog';
import { JobsHost } from './features/jobs/JobsHost';
import { BuilderHost } from './features/builder/BuilderHost';
import { LifecycleSheetHost } from './features/lifecycle/LifecycleSheet';
import { FaultNotices } from './features/faults/FaultNotices';
import { ImageSlotsContext } from './components/imageSlots';
import { imageSlots } from './shell/imageSlots';
import { wireFeatures } from './shell/wiring';

export function App() {
  const workspace = useAtlas((s) => s.workspace);
  const workspaceError = useAtlas((s) => s.workspaceError);
  const loadWorkspace = useAtlas((s) => s.loadWorkspace);
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);
  const addMfaPrompt = useAtlas((s) => s.addMfaPrompt);
  const removeMfaPrompt = useAtlas((s) => s.removeMfaPrompt);
  const applySsoStatus = useAtlas((s) => s.applySsoStatus);
  const loadInventory = useAtlas((s) => s.loadInventory);
  const applyScanProgress = useAtlas((s) => s.applyScanProgress);
  const applyTargetRows = useAtlas((s) => s.applyTargetRows);
  const applySharingChanged = useAtlas((s) => s.applySharingChanged);

  // Features ask each other through intents; the shell says who answers.
  useEffect(() => wireFeatures(), []);

  useEffect(() => {
    void loadWorkspace();
    try {
      const offs = [
        // The core announces every change (accounts added, health checked, demo opened).
        on('workspace:changed', (next) => applyWorkspace(next)),
        // A credential needs a code; prompts queue, and close when answered or withdrawn.
        on('mfa:prompt', (prompt) => addMfaPrompt(prompt)),
        on('mfa:closed', ({ requestId }) => removeMfaPrompt(requestId)),
        on('sso:status', (status) => applySsoStatus(status)),
        // Scans stream: progress per target, and each finished target's rows.
        on('inventory:progress', (status) => applyScanProgress(status)),
        on('inventory:targetRows', (payload) => applyTargetRows(payload)),
        // Launch permissions changed (share, undo): lists, details and the audit log catch up.
        on('sharing:changed', (payload) => applySharingChanged(payload)),
      ];
      return () => offs.forEach((off) => off());
    } catch {
      return undefined; // no bridge: loadWorkspace reports that on screen
    }
  }, [loadWorkspace, applyWorkspace, addMfaPrompt, removeMfaPrompt, applySsoStatus, applyScanProgress, applyTargetRows, applySharingChanged]);

  // The cached inventory loads at once, in the background, so it is there (offline too) when opened.
  const hasWorkspace = workspace !== null;
  useEffect(() => {
    if (hasWorkspace) void loadInventory();
  }, [hasWorkspace, loadInventory]);

  if (!workspace) {
    return (
      <div className="boot">
        {workspaceError ? (
          <div className="boot-error">
            <AppMark size={32} />
            <ErrorBanner error={workspaceError} onRetry={() => void loadWorkspace()} variant="full" />
          </div>
        ) : (
          <>
            <ProgressBar label="Opening workspace" />
            <div className="boot-mark">
              <AppMark size={32} />
            </div>
          </>
        )}
      </div>
    );
  }
  return (
    <ImageSlotsContext.Provider value={imageSlots}>
      {workspace.accounts.length === 0 ? <Welcome /> : <Shell />}
      {/* App-level dialogs: opened from anywhere, and alive across first run → shell. */}
      <AccountDialogs />
      <SharePickerHost />
      <ShareSheetHost />
      <CopyDialogHost />
      <LifecycleSheetHost />
      <JobsHost />
      <BuilderHost />
      <ConfirmChangeHost />
      <MfaPromptHost />
      <FaultNotices />
    </ImageSlotsContext.Provider>
  );
}
