import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../../api';
import { isFinishedJob, jobToast, mergeJobLists, upsertJob } from '../../lib/jobs';
import type { AtlasState } from '../../store/types';
import type { JobsSlice } from './storeTypes';

/** Toasts on screen at once; older ones make room. */
const MAX_TOASTS = 4;
/** How long revealImage waits for the list it asked for (the reveal itself finishes when it answers). */
const REVEAL_WAIT_MS = 15_000;

export const createJobsSlice: StateCreator<AtlasState, [], [], JobsSlice> = (set, get, api) => {
  let listTicket = 0;
  const putAction = (id: string, state: JobsSlice['jobActions'][string] | null) =>
    set((s) => {
      const next = { ...s.jobActions };
      if (state) next[id] = state;
      else delete next[id];
      return { jobActions: next };
    });

  /** Resolves once the shown list is `key` and loaded (or after a while, whatever happened). */
  const listLoaded = (account: string, region: string) =>
    new Promise<boolean>((resolve) => {
      const ready = (s: AtlasState) => s.imagesFor?.account === account && s.imagesFor.region === region && s.imagesFor.view === 'owned' && !s.imagesLoading;
      if (ready(get())) return resolve(true);
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, REVEAL_WAIT_MS);
      const off = api.subscribe((s) => {
        if (!ready(s)) return;
        clearTimeout(timer);
        off();
        resolve(true);
      });
    });

  return {
    jobs: [],
    jobsStatus: 'idle',
    jobsError: null,
    jobActions: {},
    clearingJobs: false,
    jobsPanelOpen: false,
    setJobsPanelOpen(open) {
      set({ jobsPanelOpen: open });
    },

    async loadJobs() {
      const mine = ++listTicket;
      set({ jobsStatus: 'loading', jobsError: null });
      try {
        const listed = await invoke('jobs:list', {});
        if (mine !== listTicket) return;
        set((s) => ({ jobs: mergeJobLists(s.jobs, listed), jobsStatus: 'ready' }));
      } catch (error) {
        if (mine !== listTicket) return;
        set({ jobsStatus: 'error', jobsError: toAppError(error) });
      }
    },

    applyJobChanged(job) {
      const previous = get().jobs.find((j) => j.id === job.id);
      const jobs = upsertJob(get().jobs, job);
      const toast = jobToast(previous, job);
      set((s) => ({
        jobs,
        jobToasts: toast && !s.jobToasts.some((t) => t.id === toast.id) ? [...s.jobToasts, toast].slice(-MAX_TOASTS) : s.jobToasts,
      }));
    },

    async cancelJob(id, confirmations = {}) {
      putAction(id, { running: true, error: null });
      try {
        const job = await invoke('jobs:cancel', { id, confirmations });
        get().applyJobChanged(job);
        putAction(id, null);
      } catch (error) {
        putAction(id, { running: false, error: toAppError(error) });
      }
    },

    async clearFinishedJobs() {
      set({ clearingJobs: true, jobsError: null });
      try {
        const remaining = await invoke('jobs:clearFinished', {});
        listTicket++; // a list still on its way predates the clearing
        const kept = new Set(remaining.map((j) => j.id));
        set((s) => ({
          jobs: mergeJobLists(
            s.jobs.filter((j) => kept.has(j.id) || !isFinishedJob(j)),
            remaining,
          ),
          clearingJobs: false,
          jobsStatus: 'ready',
        }));
      } catch (error) {
        set({ clearingJobs: false, jobsError: toAppError(error) });
      }
    },

    jobToasts: [],
    dismissJobToast(id) {
      set((s) => ({ jobToasts: s.jobToasts.filter((t) => t.id !== id) }));
    },

    async revealImage({ account, region, imageId }) {
      // The list is read again even when it is the one shown: the new image may be newer than it.
      get().jumpToImage({ account, region, view: 'owned', imageId, name: '', from: 'new-image' }, { refresh: true });
      await listLoaded(account, region);
    },

    applyImagesChanged({ images }) {
      const list = get().imagesFor;
      if (list && get().mode === 'accounts' && images.some((i) => i.account === list.account && i.region === list.region)) void get().loadImages();
      else if (list && get().mode === 'accounts' && list.view === 'shared' && images.some((i) => i.region === list.region)) void get().loadImages();
      if (get().auditStatus !== 'idle') void get().loadAudit();
    },
  };
};
