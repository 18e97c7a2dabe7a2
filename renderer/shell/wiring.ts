/**
 * The one place where features meet: which feature answers which intent (lib/intents.ts), and
 * each feature following its own events from main.
 */
import { on } from '../api';
import { followAccountEvents } from '../features/accounts/events';
import { openCopyDialog } from '../features/copy/copyStore';
import { followDiscoveryEvents } from '../features/discovery/events';
import { followInventoryEvents } from '../features/inventory/events';
import { openTagSheet } from '../features/lifecycle/tagStore';
import { followSharingEvents } from '../features/sharing/events';
import { answerIntent } from '../lib/intents';
import { useAtlas } from '../store';

/** Wires every intent to its feature; returns the function that unwires them. */
export function wireFeatures(): () => void {
  const offs = [answerIntent('copy:open', openCopyDialog), answerIntent('tags:open', ({ targets }) => void openTagSheet(targets))];
  return () => offs.forEach((off) => off());
}

/** Follows main's events: the workspace (the shell's), and each feature's through its own module. */
export function followEvents(): () => void {
  const offs = [
    // The core announces every change (accounts added, health checked, demo opened).
    on('workspace:changed', (next) => useAtlas.getState().applyWorkspace(next)),
    ...followAccountEvents(),
    ...followInventoryEvents(),
    ...followSharingEvents(),
    ...followDiscoveryEvents(),
  ];
  return () => offs.forEach((off) => off());
}
