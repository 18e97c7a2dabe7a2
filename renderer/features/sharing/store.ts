import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../../api';
import { failedRefs, mergeResults, refKey, sendableItems } from '../../lib/sharePlan';
import { targetEntities } from '../../lib/shareTargets';
import type { AtlasState } from '../../store/types';
import { applyChange, planChange } from './shareCalls';
import type { SharingSlice } from './storeTypes';
import { confirmationsOf } from '../../lib/confirm';

/** How many audit entries the log shows; the core keeps more. */
export const AUDIT_LIMIT = 500;

export const createSharingSlice: StateCreator<AtlasState, [], [], SharingSlice> = (set, get) => {
  // Only the newest plan may land: ticking the snapshot box twice quickly must not show the first plan.
  let planTicket = 0;
  let auditTicket = 0;
  const patchSheet = (patch: Partial<NonNullable<AtlasState['shareSheet']>>) =>
    set((s) => (s.shareSheet ? { shareSheet: { ...s.shareSheet, ...patch } } : {}));

  return {
    shareSheet: null,
    openShareSheet(images, target, imageNames = {}) {
      set({
        sharePicker: null,
        shareSheet: {
          images,
          imageNames,
          target,
          add: targetEntities(target),
          snapshots: false,
          phase: 'planning',
          plan: null,
          error: null,
          typed: {},
          result: null,
        },
      });
      void get().planShare();
    },
    setShareSnapshots(on) {
      const sheet = get().shareSheet;
      if (!sheet || sheet.phase === 'applying' || sheet.phase === 'applied' || sheet.snapshots === on) return;
      patchSheet({ snapshots: on });
      void get().planShare();
    },
    setShareTyped(account, text) {
      const sheet = get().shareSheet;
      if (sheet) patchSheet({ typed: { ...sheet.typed, [account]: text } });
    },
    async planShare() {
      const sheet = get().shareSheet;
      if (!sheet) return;
      const mine = ++planTicket;
      patchSheet({ phase: 'planning', error: null });
      try {
        const plan = await planChange({ images: sheet.images, add: sheet.add, remove: [], snapshots: sheet.snapshots });
        if (mine !== planTicket || get().shareSheet === null) return;
        patchSheet({ plan, phase: 'planned' });
      } catch (error) {
        if (mine !== planTicket || get().shareSheet === null) return;
        patchSheet({ phase: 'planned', plan: null, error: toAppError(error) });
      }
    },
    async applyShare(only) {
      const sheet = get().shareSheet;
      if (!sheet?.plan) return;
      const { plan } = sheet;
      const wanted = only ? new Set(only.map(refKey)) : null;
      const items = sendableItems(plan).filter((i) => !wanted || wanted.has(refKey(i.ref)));
      if (items.length === 0) return;
      // Every production account of the plan, by its own name: the sheet kept Apply disabled
      // until each was typed, and the core checks them again.
      const confirmations = confirmationsOf(plan.confirmAccounts);
      planTicket++; // a plan still on its way is now stale
      patchSheet({ phase: 'applying', error: null });
      try {
        const result = await applyChange({ images: items.map((i) => i.ref), add: sheet.add, remove: [], snapshots: sheet.snapshots }, { confirmations });
        const current = get().shareSheet;
        if (!current) return;
        patchSheet({ phase: 'applied', result: mergeResults(only ? current.result : null, result) });
      } catch (error) {
        if (!get().shareSheet) return;
        // Nothing came back: the sheet stays as it was (applied or planned) with the error, so Apply can be pressed again.
        patchSheet({ phase: sheet.result ? 'applied' : 'planned', error: toAppError(error) });
      }
    },
    async retryFailedShares() {
      const failed = failedRefs(get().shareSheet?.result ?? null);
      if (failed.length > 0) await get().applyShare(failed);
    },
    closeShareSheet() {
      planTicket++;
      set({ shareSheet: null });
    },

    sharePicker: null,
    openSharePicker(images, imageNames = {}) {
      if (images.length === 0) return;
      set({ sharePicker: { images, imageNames } });
    },
    closeSharePicker() {
      set({ sharePicker: null });
    },

    audit: [],
    auditStatus: 'idle',
    auditError: null,
    auditUndo: {},
    async loadAudit() {
      const mine = ++auditTicket;
      set({ auditStatus: 'loading', auditError: null });
      try {
        const entries = await invoke('audit:list', { limit: AUDIT_LIMIT });
        if (mine !== auditTicket) return;
        // Newest first whatever order the core used.
        set({ audit: [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id, undefined, { numeric: true })), auditStatus: 'ready' });
      } catch (error) {
        if (mine !== auditTicket) return;
        set({ auditStatus: 'error', auditError: toAppError(error) });
      }
    },
    async undoAudit(id, confirmations) {
      const put = (state: SharingSlice['auditUndo'][string] | null) =>
        set((s) => {
          const next = { ...s.auditUndo };
          if (state) next[id] = state;
          else delete next[id];
          return { auditUndo: next };
        });
      put({ running: true, error: null });
      try {
        const result = await invoke('audit:undo', { id, confirmations });
        const failed = result.items.find((i) => i.outcome === 'failed');
        put(failed?.error ? { running: false, error: toAppError(failed.error) } : null);
      } catch (error) {
        put({ running: false, error: toAppError(error) });
      }
      // The event refreshes the log too; reading it here covers a core that did not announce a failure.
      await get().loadAudit();
    },
    applySharingChanged({ images }) {
      const list = get().imagesFor;
      // Owned lists show the owner's permissions; "Shared with me" lists of the same region gain or lose images.
      if (list && get().mode === 'accounts' && images.some((i) => i.region === list.region)) void get().loadImages();
      if (get().auditStatus !== 'idle') void get().loadAudit();
    },
  };
};
