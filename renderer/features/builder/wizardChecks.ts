/**
 * The wizard's checks as the user types: the base image (exists in the account and region, what
 * platform; the chosen components' platform) and the instance profile (role, managed policies).
 * Each is asked of the core a moment after typing stops; only the answer to the newest question
 * is kept, under the question it answers, so a stale answer never shows or blocks.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { BaseImageCheck, ImagePlatform, InstanceProfileCheck } from '../../../shared/imagebuilder-checks';
import { invoke, toAppError } from '../../api';
import type { WizardStep } from '../../lib/builderDraft';
import type { WizardState } from './wizardStore';

export const CHECK_DELAY_MS = 350;

export interface CheckState<T> {
  /** The question answered (or being asked): account, region and what was typed. */
  key: string;
  status: 'idle' | 'checking' | 'done' | 'error';
  result: T | null;
  error: AppError | null;
}

const idle = <T>(): CheckState<T> => ({ key: '', status: 'idle', result: null, error: null });

export const useWizardChecks = create<{ base: CheckState<BaseImageCheck>; profile: CheckState<InstanceProfileCheck> }>(() => ({ base: idle(), profile: idle() }));

type Which = 'base' | 'profile';
const timers: Record<Which, ReturnType<typeof setTimeout> | null> = { base: null, profile: null };
const tickets: Record<Which, number> = { base: 0, profile: 0 };

function ask<W extends Which>(which: W, key: string, question: (() => Promise<NonNullable<ReturnType<typeof useWizardChecks.getState>[W]['result']>>) | null): void {
  const current = useWizardChecks.getState()[which];
  if (current.key === key && current.status !== 'error' && question) return;
  if (timers[which]) clearTimeout(timers[which]);
  const mine = ++tickets[which];
  if (!question) {
    useWizardChecks.setState({ [which]: idle() });
    return;
  }
  useWizardChecks.setState({ [which]: { key, status: 'checking', result: null, error: null } });
  timers[which] = setTimeout(() => {
    timers[which] = null;
    question().then(
      (result) => {
        if (mine === tickets[which]) useWizardChecks.setState({ [which]: { key, status: 'done', result, error: null } });
      },
      (error: unknown) => {
        if (mine === tickets[which]) useWizardChecks.setState({ [which]: { key, status: 'error', result: null, error: toAppError(error) } });
      },
    );
  }, CHECK_DELAY_MS);
}

/** The components the recipe will hold (build, then tests when they are on). */
export function chosenComponents(w: WizardState): string[] {
  return [...w.form.components, ...(w.form.testsEnabled ? w.form.tests : [])];
}

export function baseKey(w: WizardState): string {
  return JSON.stringify([w.account, w.region, w.form.parentImage.trim(), chosenComponents(w)]);
}

export function profileKey(w: WizardState): string {
  return JSON.stringify([w.account, w.region, w.form.instanceProfileName.trim()]);
}

const PROFILE = /^[\w+=,.@-]{1,128}$/;

/** Asks about the base image as it stands (nothing when the field is empty). */
export function checkBaseImage(w: WizardState): void {
  const parentImage = w.form.parentImage.trim();
  const components = chosenComponents(w);
  ask('base', baseKey(w), parentImage ? () => invoke('builder:checkBaseImage', { account: w.account, region: w.region, parentImage, ...(components.length > 0 ? { components } : {}) }) : null);
}

/** Asks about the instance profile as it stands (nothing when the name is empty or cannot be one). */
export function checkInstanceProfile(w: WizardState): void {
  const instanceProfileName = w.form.instanceProfileName.trim();
  ask('profile', profileKey(w), PROFILE.test(instanceProfileName) ? () => invoke('builder:checkInstanceProfile', { account: w.account, region: w.region, instanceProfileName }) : null);
}

export function resetWizardChecks(): void {
  for (const which of ['base', 'profile'] as const) {
    if (timers[which]) clearTimeout(timers[which]);
    timers[which] = null;
    tickets[which]++;
  }
  useWizardChecks.setState({ base: idle(), profile: idle() });
}

/** The base image check's answer to the wizard as it stands now, or null (not asked yet, asking, or failed to ask). */
export function currentBaseCheck(w: WizardState): BaseImageCheck | null {
  const base = useWizardChecks.getState().base;
  return base.status === 'done' && base.key === baseKey(w) ? base.result : null;
}

/**
 * The platform of the base image typed now, when a check has told it: the answer may be to an
 * older list of chosen components, but the image is the same.
 */
export function basePlatform(w: WizardState, base: CheckState<BaseImageCheck>): ImagePlatform | null {
  if (base.status !== 'done' || !base.result) return null;
  const [account, region, image] = JSON.parse(base.key) as [string, string, string];
  if (account !== w.account || region !== w.region || image !== w.form.parentImage.trim()) return null;
  return base.result.platform;
}

/**
 * The step a failed check holds back: the base image step when the image is missing or cannot
 * be used, the components step when chosen components are of another platform.
 */
export function checkedStep(w: WizardState): WizardStep | null {
  const result = currentBaseCheck(w);
  if (!result || result.ok) return null;
  return result.reason === 'mismatch' ? 'components' : 'base';
}

/** One check's state; the same snapshot when rendered to markup (tests), where zustand would give the initial state. */
function useCheck<W extends Which>(which: W): ReturnType<typeof useWizardChecks.getState>[W] {
  const read = () => useWizardChecks.getState()[which];
  return useSyncExternalStore(useWizardChecks.subscribe, read, read);
}

/** Asks about the base image whenever what it depends on changes; the check's state. */
export function useBaseImageCheck(w: WizardState): CheckState<BaseImageCheck> {
  const key = baseKey(w);
  // The key holds everything the question depends on.
  useEffect(() => checkBaseImage(w), [key]);
  return useCheck('base');
}

/** Asks about the instance profile whenever its name (or the account) changes; the check's state. */
export function useInstanceProfileCheck(w: WizardState): CheckState<InstanceProfileCheck> {
  const key = profileKey(w);
  useEffect(() => checkInstanceProfile(w), [key]);
  return useCheck('profile');
}
