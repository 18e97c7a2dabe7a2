/** Image Builder runs and pipelines as the page shows them: merging live runs, the stepper, schedules, names. Pure. */
import { BUILD_STATES, type BuildRun, type PipelineDetail } from '../../shared/imagebuilder';
import { placeLabel } from '../../shared/errors';
import { parseCron } from '../../shared/schedule';

/** The stepper's stages. CREATING is brief and shown as part of PENDING. */
export const RUN_STAGES = ['PENDING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING', 'AVAILABLE'] as const;
export type RunStage = (typeof RUN_STAGES)[number];

export const STAGE_LABEL: Record<RunStage, string> = {
  PENDING: 'Pending',
  BUILDING: 'Building',
  TESTING: 'Testing',
  DISTRIBUTING: 'Distributing',
  INTEGRATING: 'Integrating',
  AVAILABLE: 'Available',
};

const ENDED = new Set(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED', 'DISABLED']);

export function isRunFinished(run: Pick<BuildRun, 'finished' | 'status'>): boolean {
  return run.finished || ENDED.has(run.status);
}

/** Cancel is offered until the build ends (a cancel already asked for is answered by the core as is). */
export function canCancelRun(run: Pick<BuildRun, 'finished' | 'status'>): boolean {
  return !isRunFinished(run) && run.status !== 'CANCELLING';
}

/** Where a status sits on the stepper; -1 before Image Builder answered (STARTING). */
export function stageIndex(status: string): number {
  if (status === 'CREATING') return 0;
  return (RUN_STAGES as readonly string[]).indexOf(status);
}

/** Which workflow a failed step belongs to tells the stage it failed in. */
const WORKFLOW_STAGE: Record<string, RunStage> = { BUILD: 'BUILDING', TEST: 'TESTING', DISTRIBUTION: 'DISTRIBUTING' };

/**
 * The stage a run ended in when it failed or was cancelled: the workflow of its failed step, else
 * the last stage seen live, else unknown (-1).
 */
export function endedStage(run: Pick<BuildRun, 'steps'>, lastSeen?: string | null): number {
  const failed = [...run.steps].reverse().find((s) => s.status === 'FAILED' || s.status === 'CANCELLED');
  const stage = failed ? WORKFLOW_STAGE[failed.workflow.toUpperCase()] : undefined;
  if (stage) return stageIndex(stage);
  return lastSeen ? stageIndex(lastSeen) : -1;
}

export type StepState = 'done' | 'current' | 'todo' | 'failed';

/** Each stage's state for the stepper. */
export function stepperStates(run: Pick<BuildRun, 'status' | 'steps' | 'finished'>, lastSeen?: string | null): StepState[] {
  if (run.status === 'AVAILABLE') return RUN_STAGES.map(() => 'done');
  if (run.status === 'FAILED' || run.status === 'CANCELLED') {
    const at = endedStage(run, lastSeen);
    return RUN_STAGES.map((_, i) => (i < at ? 'done' : i === at ? 'failed' : 'todo'));
  }
  const at = stageIndex(run.status);
  return RUN_STAGES.map((_, i) => (i < at ? 'done' : i === at ? 'current' : 'todo'));
}

/** 0–100, never below what the status implies (the core's figure is from BUILD_STATES). */
export function runProgress(run: Pick<BuildRun, 'status' | 'progress'>): number {
  const i = (BUILD_STATES as readonly string[]).indexOf(run.status);
  const implied = i < 0 ? 0 : Math.round((i / (BUILD_STATES.length - 1)) * 100);
  return Math.max(0, Math.min(100, Math.round(Math.max(run.progress, implied))));
}

/** Newest first; equal times by id so the order never flickers. */
export function sortRuns(runs: readonly BuildRun[]): BuildRun[] {
  return [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
}

/**
 * A run as an event or answer reported it. Events can overtake `builder:runs`, so an update never
 * moves a run backwards: a finished run stays finished, and a running one never goes back a stage.
 */
export function upsertRun(runs: readonly BuildRun[], run: BuildRun): BuildRun[] {
  const at = runs.findIndex((r) => r.id === run.id);
  if (at < 0) return sortRuns([...runs, run]);
  const current = runs[at]!;
  if (isRunFinished(current) && !isRunFinished(run)) return [...runs];
  if (!isRunFinished(run) && stageIndex(run.status) < stageIndex(current.status)) return [...runs];
  const next = [...runs];
  next[at] = run;
  return next;
}

/** Replaces the list with `listed`, keeping any run an event has already moved further. */
export function mergeRunLists(current: readonly BuildRun[], listed: readonly BuildRun[]): BuildRun[] {
  let out = sortRuns(listed);
  for (const run of current) if (out.some((r) => r.id === run.id)) out = upsertRun(out, run);
  return out;
}

export interface RunToast {
  id: string;
  runId: string;
  tone: 'success' | 'danger';
  title: string;
  body: string;
}

/** A toast when a run reaches its end (not when the user cancelled it). */
export function runToast(previous: BuildRun | undefined, next: BuildRun): RunToast | null {
  if (!isRunFinished(next) || (previous && isRunFinished(previous))) return null;
  const where = placeLabel(next.accountName, null, next.region);
  if (next.status === 'AVAILABLE') {
    const amis = next.amis.map((a) => `${a.imageId} (${a.region})`).join(', ');
    return { id: `${next.id}:done`, runId: next.id, tone: 'success', title: 'Image build finished', body: `${next.pipelineName} in ${where}${amis ? `: ${amis}` : ''}.` };
  }
  if (next.status === 'CANCELLED') return null;
  const why = next.reason ?? next.error?.message ?? 'Image Builder reported a failure.';
  return { id: `${next.id}:failed`, runId: next.id, tone: 'danger', title: 'Image build failed', body: `${next.pipelineName} in ${where}: ${why}` };
}

/** "3 min 20 s" between two ISO times, or null. */
export function runDuration(run: Pick<BuildRun, 'startedAt' | 'finishedAt'>, now = Date.now()): string | null {
  const start = Date.parse(run.startedAt);
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return null;
  return seconds(Math.round((end - start) / 1000));
}

function seconds(s: number): string {
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min${s % 60 ? ` ${s % 60} s` : ''}` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** Per step: when it started after the first step ("+12 s") and how long it took, or null where unknown. */
export function stepTiming(steps: readonly Pick<BuildRun['steps'][number], 'startTime' | 'endTime'>[]): Array<{ offset: string | null; took: string | null }> {
  const starts = steps.map((s) => (s.startTime ? Date.parse(s.startTime) : NaN));
  const first = Math.min(...starts.filter(Number.isFinite));
  return steps.map((s, i) => {
    const start = starts[i]!;
    const end = s.endTime ? Date.parse(s.endTime) : NaN;
    return {
      offset: Number.isFinite(start) && Number.isFinite(first) ? `+${seconds(Math.round((start - first) / 1000))}` : null,
      took: Number.isFinite(start) && Number.isFinite(end) && end >= start ? seconds(Math.round((end - start) / 1000)) : null,
    };
  });
}

// ---- Schedules ------------------------------------------------------------------------------

export interface SchedulePreset {
  id: string;
  label: string;
  cron: string;
}

/** A few common schedules; times are UTC, as Image Builder reads them. */
export const SCHEDULE_PRESETS: readonly SchedulePreset[] = [
  { id: 'daily', label: 'Daily at 06:00 UTC', cron: 'cron(0 6 * * ? *)' },
  { id: 'nightly', label: 'Nightly at 02:00 UTC', cron: 'cron(0 2 * * ? *)' },
  { id: 'weekly', label: 'Weekly, Monday 06:00 UTC', cron: 'cron(0 6 ? * MON *)' },
  { id: 'monthly', label: 'Monthly, the 1st at 06:00 UTC', cron: 'cron(0 6 1 * ? *)' },
];

/** "manual", a preset's words, or the expression itself. */
export function describeSchedule(schedule: string | null): string {
  if (!schedule) return 'manual';
  return SCHEDULE_PRESETS.find((p) => p.cron === schedule)?.label ?? schedule;
}


/**
 * Why an AWS cron expression would be refused, or null: six fields (minutes hours day-of-month
 * month day-of-week year), one of the two day fields "?", each field's values in range.
 */
export function cronProblem(expression: string): string | null {
  // One reader of the grammar: the one that computes the next runs, so what Next lets through runs.
  const parsed = parseCron(expression);
  return parsed.ok ? null : parsed.problem;
}

// ---- Names -----------------------------------------------------------------------------------

/** "123456789012" → our account's name where the workspace knows it, else the formatted id. */
export function accountLabel(awsId: string, names: ReadonlyMap<string, string>): string {
  return names.get(awsId) ?? awsId.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1-$2-$3');
}

/** The last part of an ARN's resource path, e.g. the component's name and version. */
export function arnTail(arn: string): string {
  const path = arn.split(':').slice(5).join(':');
  return path.split('/').slice(1).join('/') || arn;
}

/** AWS ids the pipeline's distribution sends images to (copies and launch permissions). */
export function distributionAccountIds(detail: Pick<PipelineDetail, 'distribution'>): { targets: string[]; shares: string[] } {
  const targets = new Set<string>();
  const shares = new Set<string>();
  for (const r of detail.distribution?.regions ?? []) {
    r.targetAccountIds.forEach((id) => targets.add(id));
    r.launchPermission.userIds.forEach((id) => shares.add(id));
  }
  return { targets: [...targets], shares: [...shares] };
}
