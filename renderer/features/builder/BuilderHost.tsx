import { useEffect } from 'react';
import { on } from '../../api';
import { applyRun, loadRuns } from './store';
import { BuilderToasts } from './BuilderToasts';
import { CreatePipelineWizardHost } from './CreatePipelineWizard';

/**
 * Mounted once with the workspace: loads the runs (the core keeps them across restarts), follows
 * them live, raises a toast when one ends, and hosts the "Create pipeline" wizard.
 */
export function BuilderHost() {
  useEffect(() => {
    let off: (() => void) | null = null;
    try {
      off = on('builder:run', (run) => applyRun(run));
    } catch {
      // No bridge: the app shows that elsewhere.
    }
    void loadRuns();
    return () => off?.();
  }, []);

  return (
    <>
      <BuilderToasts />
      <CreatePipelineWizardHost />
    </>
  );
}
