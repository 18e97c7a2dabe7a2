import { useEffect } from 'react';
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
import { followEvents, wireFeatures } from './shell/wiring';

export function App() {
  const workspace = useAtlas((s) => s.workspace);
  const workspaceError = useAtlas((s) => s.workspaceError);
  const loadWorkspace = useAtlas((s) => s.loadWorkspace);
  const loadInventory = useAtlas((s) => s.loadInventory);

  // Features ask each other through intents; the shell says who answers.
  useEffect(() => wireFeatures(), []);

  useEffect(() => {
    void loadWorkspace();
    try {
      return followEvents();
    } catch {
      return undefined; // no bridge: loadWorkspace reports that on screen
    }
  }, [loadWorkspace]);

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
