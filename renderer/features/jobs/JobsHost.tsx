import { useEffect } from 'react';
import { on } from '../../api';
import { useAtlas } from '../../store';
import { isJobsKey } from '../../lib/actionKeys';
import { JobsPanel } from './JobsPanel';
import { JobToasts } from './JobToasts';

/**
 * Mounted once with the workspace: loads the jobs (they survive restarts), follows them live,
 * refreshes what shows images that changed, and owns the drawer's shortcut.
 */
export function JobsHost() {
  const loadJobs = useAtlas((s) => s.loadJobs);
  const applyJobChanged = useAtlas((s) => s.applyJobChanged);
  const applyImagesChanged = useAtlas((s) => s.applyImagesChanged);

  useEffect(() => {
    let offs: Array<() => void> = [];
    try {
      offs = [on('jobs:changed', (job) => applyJobChanged(job)), on('images:changed', (payload) => applyImagesChanged(payload))];
    } catch {
      // No bridge: the app shows that elsewhere.
    }
    void loadJobs();
    return () => offs.forEach((off) => off());
  }, [loadJobs, applyJobChanged, applyImagesChanged]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isJobsKey(event)) return;
      event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const state = useAtlas.getState();
      state.setJobsPanelOpen(!state.jobsPanelOpen);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <JobsPanel />
      <JobToasts />
    </>
  );
}
