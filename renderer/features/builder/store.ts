/**
 * Image Builder state: pipelines per account and region, the selected pipeline's detail, and the
 * runs (listed once, then followed live through `builder:run`). A store of its own: the view,
 * the host (events, toasts) and the wizard all use it, and the main store stays as it is.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { BuildRun, PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import { invoke, toAppError } from '../../api';
import { isRunFinished, mergeRunLists, runToast, upsertRun, type RunToast } from '../../lib/builder';

export interface Loadable<T> {
  status: 'loading' | 'ready' | 'error';
  data: T | null;
  error: AppError | null;
}

export interface ActionState {
  running: boolean;
  error: AppError | null;
}

export interface BuilderState {
  /** By "account|region". */
  pipelines: Record<string, Loadable<PipelineSummary[]>>;
  /** The selected pipeline's ARN (one per view; it belongs to the active account and region). */
  selectedArn: string | null;
  /** By "account|region|arn". */
  details: Record<string, Loadable<PipelineDetail>>;
  runs: BuildRun[];
  runsStatus: 'idle' | 'loading' | 'ready' | 'error';
  runsError: AppError | null;
  /** A start on its way (by pipeline ARN) or why it failed. */
  starts: Record<string, ActionState>;
  /** A cancel on its way (by run id) or why it failed. */
  cancels: Record<string, ActionState>;
  /** The last stage each run was seen in live, so the stepper can say where it stopped. */
  lastStage: Record<string, string>;
  toasts: RunToast[];
}

const MAX_TOASTS = 4;

export const initialBuilderState = (): BuilderState => ({
  pipelines: {},
  selectedArn: null,
  details: {},
  runs: [],
  runsStatus: 'idle',
  runsError: null,
  starts: {},
  cancels: {},
  lastStage: {},
  toasts: [],
});

export const useBuilder = create<BuilderState>(() => initialBuilderState());

export const placeKey = (account: string, region: string) => `${account}|${region}`;
export const detailKey = (account: string, region: string, arn: string) => `${account}|${region}|${arn}`;

const tickets = new Map<string, number>();
/** A newer request for the same key makes the older answer stale. */
function ticket(key: string): () => boolean {
  const mine = (tickets.get(key) ?? 0) + 1;
  tickets.set(key, mine);
  return () => tickets.get(key) === mine;
}

export async function loadPipelines(account: string, region: string): Promise<void> {
  const key = placeKey(account, region);
  const current = ticket(`p:${key}`);
  useBuilder.setState((s) => ({ pipelines: { ...s.pipelines, [key]: { status: 'loading', data: s.pipelines[key]?.data ?? null, error: null } } }));
  try {
    const data = await invoke('builder:pipelines', { account, region });
    if (!current()) return;
    const sorted = [...data].sort((a, b) => a.name.localeCompare(b.name));
    useBuilder.setState((s) => ({ pipelines: { ...s.pipelines, [key]: { status: 'ready', data: sorted, error: null } } }));
  } catch (error) {
    if (!current()) return;
    useBuilder.setState((s) => ({ pipelines: { ...s.pipelines, [key]: { status: 'error', data: s.pipelines[key]?.data ?? null, error: toAppError(error) } } }));
  }
}

export async function loadPipelineDetail(account: string, region: string, arn: string): Promise<void> {
  const key = detailKey(account, region, arn);
  const current = ticket(`d:${key}`);
  useBuilder.setState((s) => ({ details: { ...s.details, [key]: { status: 'loading', data: s.details[key]?.data ?? null, error: null } } }));
  try {
    const data = await invoke('builder:pipeline', { account, region, arn });
    if (!current()) return;
    useBuilder.setState((s) => ({ details: { ...s.details, [key]: { status: 'ready', data, error: null } } }));
  } catch (error) {
    if (!current()) return;
    useBuilder.setState((s) => ({ details: { ...s.details, [key]: { status: 'error', data: s.details[key]?.data ?? null, error: toAppError(error) } } }));
  }
}

export function selectPipeline(arn: string | null): void {
  useBuilder.setState({ selectedArn: arn });
}

export async function loadRuns(): Promise<void> {
  const current = ticket('runs');
  useBuilder.setState({ runsStatus: 'loading', runsError: null });
  try {
    const listed = await invoke('builder:runs', {});
    if (!current()) return;
    useBuilder.setState((s) => ({ runs: mergeRunLists(s.runs, listed), runsStatus: 'ready' }));
  } catch (error) {
    if (!current()) return;
    useBuilder.setState({ runsStatus: 'error', runsError: toAppError(error) });
  }
}

/** Adds or updates one run (an event, or an answer); a toast when it ends; pipelines re-read for their "last run". */
export function applyRun(run: BuildRun): void {
  const s = useBuilder.getState();
  const previous = s.runs.find((r) => r.id === run.id);
  const runs = upsertRun(s.runs, run);
  const kept = runs.find((r) => r.id === run.id);
  const toast = kept === run ? runToast(previous, run) : null;
  const lastStage = !isRunFinished(run) && kept === run && run.status !== 'STARTING' ? { ...s.lastStage, [run.id]: run.status } : s.lastStage;
  useBuilder.setState({
    runs,
    lastStage,
    toasts: toast && !s.toasts.some((t) => t.id === toast.id) ? [...s.toasts, toast].slice(-MAX_TOASTS) : s.toasts,
  });
  // The pipeline's "last run" changed: its list (if loaded) catches up once the run ends.
  if (toast || (kept === run && isRunFinished(run) && previous && !isRunFinished(previous))) {
    if (s.pipelines[placeKey(run.account, run.region)]) void loadPipelines(run.account, run.region);
  }
}

export async function startPipeline(account: string, region: string, arn: string, confirmations: Record<string, string>): Promise<BuildRun | null> {
  const setStart = (state: ActionState | null) =>
    useBuilder.setState((s) => {
      const starts = { ...s.starts };
      if (state) starts[arn] = state;
      else delete starts[arn];
      return { starts };
    });
  setStart({ running: true, error: null });
  try {
    const run = await invoke('builder:start', { account, region, arn, confirmations });
    applyRun(run);
    setStart(null);
    return run;
  } catch (error) {
    setStart({ running: false, error: toAppError(error) });
    return null;
  }
}

export function dismissStartError(arn: string): void {
  useBuilder.setState((s) => {
    const starts = { ...s.starts };
    delete starts[arn];
    return { starts };
  });
}

export async function cancelRun(id: string, confirmations: Record<string, string> = {}): Promise<void> {
  const put = (state: ActionState | null) =>
    useBuilder.setState((s) => {
      const cancels = { ...s.cancels };
      if (state) cancels[id] = state;
      else delete cancels[id];
      return { cancels };
    });
  put({ running: true, error: null });
  try {
    applyRun(await invoke('builder:cancel', { id, confirmations }));
    put(null);
  } catch (error) {
    put({ running: false, error: toAppError(error) });
  }
}

export function dismissRunToast(id: string): void {
  useBuilder.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}
