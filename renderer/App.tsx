import { useEffect } from 'react';
import { on } from './api';
import { useAtlas } from './store';
import { ErrorBanner } from './components/ErrorBanner';
import { ProgressBar } from './components/Spinner';
import { Welcome } from './features/demo/Welcome';
import { AppMark } from './features/shell/AppMark';
import { Shell } from './features/shell/Shell';

export function App() {
  const workspace = useAtlas((s) => s.workspace);
  const workspaceError = useAtlas((s) => s.workspaceError);
  const loadWorkspace = useAtlas((s) => s.loadWorkspace);
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);

  useEffect(() => {
    void loadWorkspace();
    try {
      // The core announces every change (accounts added, health checked, demo opened).
      return on('workspace:changed', (next) => applyWorkspace(next));
    } catch {
      return undefined; // no bridge: loadWorkspace reports that on screen
    }
  }, [loadWorkspace, applyWorkspace]);

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
  if (workspace.accounts.length === 0) return <Welcome />;
  return <Shell />;
}
