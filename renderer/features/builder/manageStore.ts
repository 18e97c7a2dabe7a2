/**
 * Managing a pipeline from its detail: which dialog is open (edit, clone, delete), a quick
 * enable/disable on its way, and what the last change said. After a change the pipeline list
 * and the detail are read again, so the page shows what Image Builder now holds.
 */
import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import type { PipelineChoices, PipelineCloneResult, PipelineRemoveResult, PipelineUpdateResult } from '../../../shared/imagebuilder-manage';
import { invoke, toAppError } from '../../api';
import { loadPipelineDetail, loadPipelines, placeKey, selectPipeline, useBuilder, type Loadable } from './store';

export type ManageDialog = { kind: 'edit' | 'clone' | 'delete'; summary: PipelineSummary; detail: PipelineDetail };

export interface ManageState {
  dialog: ManageDialog | null;
  /** An enable/disable on its way, or why it failed (by pipeline ARN). */
  toggles: Record<string, { running: boolean; error: AppError | null }>;
  /** What the last change said, shown under the pipeline's header until dismissed (by ARN). */
  notices: Record<string, string>;
  /** The pickers' lists, by "account|region". */
  choices: Record<string, Loadable<PipelineChoices>>;
}

export const useManage = create<ManageState>(() => ({ dialog: null, toggles: {}, notices: {}, choices: {} }));

export function openManage(dialog: ManageDialog): void {
  useManage.setState({ dialog });
}

export function closeManage(): void {
  useManage.setState({ dialog: null });
}

export function dismissNotice(arn: string): void {
  useManage.setState((s) => {
    const notices = { ...s.notices };
    delete notices[arn];
    return { notices };
  });
}

function notify(arn: string, text: string): void {
  useManage.setState((s) => ({ notices: { ...s.notices, [arn]: text } }));
}

/** The list and the detail read again after a change. */
async function reload(account: string, region: string, arn: string | null): Promise<void> {
  await Promise.all([loadPipelines(account, region), arn ? loadPipelineDetail(account, region, arn) : Promise.resolve()]);
}

export async function loadChoices(account: string, region: string): Promise<void> {
  const key = placeKey(account, region);
  useManage.setState((s) => ({ choices: { ...s.choices, [key]: { status: 'loading', data: s.choices[key]?.data ?? null, error: null } } }));
  try {
    const data = await invoke('builder:pipelineChoices', { account, region });
    useManage.setState((s) => ({ choices: { ...s.choices, [key]: { status: 'ready', data, error: null } } }));
  } catch (error) {
    useManage.setState((s) => ({ choices: { ...s.choices, [key]: { status: 'error', data: s.choices[key]?.data ?? null, error: toAppError(error) } } }));
  }
}

/** Saves an edit; throws the error (the dialog shows it beside its field). */
export async function saveEdit(input: ChannelInput<'builder:update'>): Promise<PipelineUpdateResult> {
  const result = await invoke('builder:update', input);
  if (result.outcome === 'changed') notify(input.arn, result.message);
  await reload(input.account, input.region, input.arn);
  return result;
}

/** Enable or disable from the header: the status is the only change. */
export async function setPipelineStatus(summary: PipelineSummary, status: 'ENABLED' | 'DISABLED', confirmations: Record<string, string>): Promise<void> {
  const put = (state: { running: boolean; error: AppError | null } | null) =>
    useManage.setState((s) => {
      const toggles = { ...s.toggles };
      if (state) toggles[summary.arn] = state;
      else delete toggles[summary.arn];
      return { toggles };
    });
  put({ running: true, error: null });
  try {
    const result = await invoke('builder:update', { account: summary.account, region: summary.region, arn: summary.arn, changes: { status }, confirmations });
    notify(summary.arn, result.message);
    put(null);
  } catch (error) {
    put({ running: false, error: toAppError(error) });
  }
  await reload(summary.account, summary.region, summary.arn);
}

export function dismissToggleError(arn: string): void {
  useManage.setState((s) => {
    const toggles = { ...s.toggles };
    delete toggles[arn];
    return { toggles };
  });
}

export function checkClone(input: ChannelInput<'builder:clone'>): Promise<PipelineCloneResult> {
  return invoke('builder:clone', { ...input, dryRun: true });
}

export async function clonePipeline(input: ChannelInput<'builder:clone'>): Promise<PipelineCloneResult> {
  const result = await invoke('builder:clone', { ...input, dryRun: false });
  notify(input.arn, result.message);
  // The new pipeline shows at once when it was made where the page is looking.
  if (useBuilder.getState().pipelines[placeKey(input.targetAccount, input.targetRegion)]) await loadPipelines(input.targetAccount, input.targetRegion);
  return result;
}

export function planRemoval(input: Omit<ChannelInput<'builder:remove'>, 'dryRun'>): Promise<PipelineRemoveResult> {
  return invoke('builder:remove', { ...input, dryRun: true });
}

export function removePipeline(input: Omit<ChannelInput<'builder:remove'>, 'dryRun'>): Promise<PipelineRemoveResult> {
  return invoke('builder:remove', { ...input, dryRun: false });
}

/** After the delete's result was read: the pipeline leaves the list. */
export async function finishRemoval(account: string, region: string, arn: string): Promise<void> {
  closeManage();
  if (useBuilder.getState().selectedArn === arn) selectPipeline(null);
  await reload(account, region, null);
}
