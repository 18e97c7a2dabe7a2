/**
 * A pipeline's history as Image Builder keeps it: pages of its builds (newest first, "Load
 * more"), each build's workflows and steps read when opened, and opening a build's logs in the
 * AWS Console. A store of its own, so the runs this app follows stay as they are.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { BuildStepsAnswer, HistoryBuild } from '../../../shared/imagebuilder-history';
import { invoke, toAppError } from '../../api';

export interface PipelineHistoryState {
  /** 'loading' only before the first page; a refresh keeps what is shown. */
  status: 'loading' | 'ready' | 'error';
  builds: HistoryBuild[];
  nextToken: string | null;
  error: AppError | null;
  refreshing: boolean;
  loadingMore: boolean;
  moreError: AppError | null;
}

export interface BuildStepsState {
  status: 'loading' | 'ready' | 'error';
  data: BuildStepsAnswer | null;
  error: AppError | null;
}

interface HistoryStore {
  /** By "account|region|pipelineArn". */
  histories: Record<string, PipelineHistoryState>;
  /** By "account|region|imageBuildArn". */
  steps: Record<string, BuildStepsState>;
  /** Why opening a build's logs failed, by "account|region|imageBuildArn". */
  logErrors: Record<string, AppError>;
}

export const useHistory = create<HistoryStore>(() => ({ histories: {}, steps: {}, logErrors: {} }));

export const historyKey = (account: string, region: string, arn: string) => `${account}|${region}|${arn}`;

const EMPTY: PipelineHistoryState = { status: 'loading', builds: [], nextToken: null, error: null, refreshing: false, loadingMore: false, moreError: null };

function put(key: string, patch: Partial<PipelineHistoryState>): void {
  useHistory.setState((s) => ({ histories: { ...s.histories, [key]: { ...(s.histories[key] ?? EMPTY), ...patch } } }));
}

/** Builds merged by ARN (a newer answer wins), newest first. */
export function mergeBuilds(shown: readonly HistoryBuild[], more: readonly HistoryBuild[]): HistoryBuild[] {
  const byArn = new Map(shown.map((b) => [b.arn, b]));
  for (const b of more) byArn.set(b.arn, b);
  return [...byArn.values()].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.arn.localeCompare(a.arn));
}

const generations = new Map<string, number>();

/** The first page again; what is shown stays until it answers. Older pages loaded before are dropped (their tokens are stale). */
export async function loadHistory(account: string, region: string, arn: string): Promise<void> {
  const key = historyKey(account, region, arn);
  const mine = (generations.get(key) ?? 0) + 1;
  generations.set(key, mine);
  const shown = useHistory.getState().histories[key];
  put(key, shown && shown.status !== 'loading' ? { refreshing: true, moreError: null } : { ...EMPTY });
  try {
    const page = await invoke('builder:history', { account, region, arn });
    if (generations.get(key) !== mine) return;
    put(key, { status: 'ready', builds: mergeBuilds([], page.builds), nextToken: page.nextToken, error: null, refreshing: false, loadingMore: false });
  } catch (error) {
    if (generations.get(key) !== mine) return;
    const failure = toAppError(error);
    // A failed refresh keeps the builds shown, with the error above them.
    put(key, { status: shown?.builds.length ? 'ready' : 'error', error: failure, refreshing: false });
  }
}

export async function loadMoreHistory(account: string, region: string, arn: string): Promise<void> {
  const key = historyKey(account, region, arn);
  const state = useHistory.getState().histories[key];
  if (!state?.nextToken || state.loadingMore) return;
  const generation = generations.get(key);
  put(key, { loadingMore: true, moreError: null });
  try {
    const page = await invoke('builder:history', { account, region, arn, nextToken: state.nextToken });
    if (generations.get(key) !== generation) return;
    const now = useHistory.getState().histories[key] ?? EMPTY;
    put(key, { builds: mergeBuilds(now.builds, page.builds), nextToken: page.nextToken, loadingMore: false });
  } catch (error) {
    if (generations.get(key) !== generation) return;
    put(key, { loadingMore: false, moreError: toAppError(error) });
  }
}

/** A build's workflows and steps; a finished build's are read once, one still running again on each call. */
export async function loadBuildSteps(account: string, region: string, imageBuildArn: string): Promise<void> {
  const key = historyKey(account, region, imageBuildArn);
  const shown = useHistory.getState().steps[key];
  if (shown?.status === 'loading') return;
  const set = (state: BuildStepsState) => useHistory.setState((s) => ({ steps: { ...s.steps, [key]: state } }));
  set({ status: 'loading', data: shown?.data ?? null, error: null });
  try {
    set({ status: 'ready', data: await invoke('builder:buildSteps', { account, region, imageBuildArn }), error: null });
  } catch (error) {
    set({ status: 'error', data: shown?.data ?? null, error: toAppError(error) });
  }
}

/** Main reads where the logs are and opens the console page itself; the page never hands it a URL. */
export async function openBuildLogs(account: string, region: string, imageBuildArn: string, where: 'cloudwatch' | 's3'): Promise<void> {
  const key = historyKey(account, region, imageBuildArn);
  useHistory.setState((s) => {
    const logErrors = { ...s.logErrors };
    delete logErrors[key];
    return { logErrors };
  });
  try {
    await invoke('builder:openLogs', { account, region, imageBuildArn, where });
  } catch (error) {
    useHistory.setState((s) => ({ logErrors: { ...s.logErrors, [key]: toAppError(error) } }));
  }
}
