/**
 * Where an image build is at a given world-clock time. A run's course is fixed when it starts
 * (duration, the failing component if any), so its status, its workflow executions and their
 * steps are pure functions of the clock, its cancellation time, and nothing else:
 *
 *   0–5 % PENDING · 5–45 % BUILDING (build workflow) · 45–70 % TESTING (test workflow; its time
 *   goes to building when tests are off) · 70–90 % DISTRIBUTING · 90–100 % INTEGRATING · AVAILABLE
 *
 * A failing component fails the step that runs it; the run is FAILED from then on and the
 * later steps are SKIPPED. CancelImageCreation stops it the same way with CANCELLED.
 */
import type { FailingPhase, ImageBuildRecord, ImageStatus } from './imagebuilder-model';

export type WorkflowType = 'BUILD' | 'TEST' | 'DISTRIBUTION';
export type StepStatus = 'PENDING' | 'SKIPPED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
export type WorkflowStatus = 'PENDING' | 'SKIPPED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

interface StepDefinition {
  workflow: WorkflowType;
  name: string;
  action: string;
  description: string;
  /** The step that runs the recipe's components of this phase. */
  runsComponents?: FailingPhase;
}

export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  { workflow: 'BUILD', name: 'LaunchBuildInstance', action: 'LaunchInstance', description: 'Launches the build instance from the parent image.' },
  { workflow: 'BUILD', name: 'ApplyBuildComponents', action: 'ExecuteComponents', description: 'Runs the build phase of the recipe components.', runsComponents: 'build' },
  { workflow: 'BUILD', name: 'InventoryCollection', action: 'CollectImageMetadata', description: 'Collects the package inventory of the instance.' },
  { workflow: 'BUILD', name: 'RunSanitizeScript', action: 'SanitizeInstance', description: 'Removes instance-specific data before the image is taken.' },
  { workflow: 'BUILD', name: 'CreateOutputAMI', action: 'CreateImage', description: 'Creates the output AMI from the build instance.' },
  { workflow: 'BUILD', name: 'TerminateBuildInstance', action: 'TerminateInstance', description: 'Terminates the build instance.' },
  { workflow: 'TEST', name: 'LaunchTestInstance', action: 'LaunchInstance', description: 'Launches a test instance from the output AMI.' },
  { workflow: 'TEST', name: 'CollectImageMetadata', action: 'CollectImageMetadata', description: 'Collects metadata of the test instance.' },
  { workflow: 'TEST', name: 'RunTestSuite', action: 'ExecuteComponents', description: 'Runs the test phase of the recipe components.', runsComponents: 'test' },
  { workflow: 'TEST', name: 'TerminateTestInstance', action: 'TerminateInstance', description: 'Terminates the test instance.' },
  { workflow: 'DISTRIBUTION', name: 'DistributeImage', action: 'DistributeImage', description: 'Copies and shares the AMI as the distribution configuration says.' },
];

export const WORKFLOW_VERSIONS: Record<WorkflowType, string> = {
  BUILD: 'build/build-image/1.0.1/1',
  TEST: 'test/test-image/1.0.1/1',
  DISTRIBUTION: 'distribution/distribute-image/1.0.0/1',
};

const PENDING_END = 0.05;
const TEST_START = 0.45;
const DISTRIBUTION_START = 0.7;
const INTEGRATING_START = 0.9;

interface Span {
  startMs: number;
  endMs: number;
}

export interface StepView {
  stepExecutionId: string;
  workflow: WorkflowType;
  name: string;
  action: string;
  description: string;
  status: StepStatus;
  message: string | null;
  startMs: number | null;
  endMs: number | null;
}

export interface BuildView {
  status: ImageStatus;
  reason: string | null;
  /** World-clock ms the run reached a terminal status, or null while it runs. */
  endedAtMs: number | null;
  steps: StepView[];
}

function testsEnabled(build: ImageBuildRecord): boolean {
  return build.imageTestsConfiguration.imageTestsEnabled;
}

function workflowSpan(build: ImageBuildRecord, workflow: WorkflowType): Span {
  const at = (f: number): number => build.startedAtMs + f * build.durationMs;
  const testStart = testsEnabled(build) ? TEST_START : DISTRIBUTION_START;
  switch (workflow) {
    case 'BUILD':
      return { startMs: at(PENDING_END), endMs: at(testStart) };
    case 'TEST':
      return { startMs: at(testStart), endMs: at(DISTRIBUTION_START) };
    case 'DISTRIBUTION':
      return { startMs: at(DISTRIBUTION_START), endMs: at(INTEGRATING_START) };
  }
}

/** Each step's planned time; test steps have none when tests are off (they are SKIPPED). */
function stepSpans(build: ImageBuildRecord): Array<Span | null> {
  const spans: Array<Span | null> = [];
  for (const workflow of ['BUILD', 'TEST', 'DISTRIBUTION'] as const) {
    const steps = STEP_DEFINITIONS.filter((s) => s.workflow === workflow);
    const span = workflowSpan(build, workflow);
    const each = (span.endMs - span.startMs) / steps.length;
    steps.forEach((_, i) => {
      spans.push(workflow === 'TEST' && !testsEnabled(build) ? null : { startMs: span.startMs + i * each, endMs: span.startMs + (i + 1) * each });
    });
  }
  return spans;
}

function failingStepIndex(build: ImageBuildRecord): number {
  if (!build.failure) return -1;
  if (build.failure.phase === 'test' && !testsEnabled(build)) return -1;
  const phase = build.failure.phase;
  return STEP_DEFINITIONS.findIndex((s) => s.runsComponents === phase);
}

export function failureReason(build: ImageBuildRecord): string | null {
  const failure = build.failure;
  if (!failure) return null;
  const c = failure.component;
  return `Step '${failure.phase}' failed: component '${c.name}' version ${c.version}/${c.buildNumber} exited with status code 1 in its ${failure.phase} phase (ExecuteBash).`;
}

export function buildView(build: ImageBuildRecord, nowMs: number): BuildView {
  const spans = stepSpans(build);
  const failIndex = failingStepIndex(build);
  const failAtMs = failIndex >= 0 ? (spans[failIndex]?.endMs ?? null) : null;
  const endMs = build.startedAtMs + build.durationMs;
  // Cancelling after the run ended changes nothing (CancelImageCreation refuses it anyway).
  const cancelAt = build.cancelledAtMs !== null && build.cancelledAtMs < (failAtMs ?? endMs) ? build.cancelledAtMs : null;
  const stopAt = cancelAt ?? failAtMs;
  const stopped = stopAt !== null && nowMs >= stopAt;

  const steps: StepView[] = STEP_DEFINITIONS.map((def, i) => {
    const span = spans[i] ?? null;
    const base = {
      stepExecutionId: build.stepExecutionIds[i] ?? `step-${i}`,
      workflow: def.workflow,
      name: def.name,
      action: def.action,
      description: def.description,
    };
    if (span === null) return { ...base, status: 'SKIPPED', message: 'Image tests are disabled for this image.', startMs: null, endMs: null };
    if (stopped && stopAt !== null && span.startMs >= stopAt) {
      return { ...base, status: 'SKIPPED', message: null, startMs: null, endMs: null };
    }
    if (i === failIndex && nowMs >= span.endMs && cancelAt === null) {
      return { ...base, status: 'FAILED', message: failureReason(build), startMs: span.startMs, endMs: span.endMs };
    }
    if (stopped && cancelAt !== null && span.startMs < cancelAt && span.endMs > cancelAt) {
      return { ...base, status: 'CANCELLED', message: 'The image build was cancelled.', startMs: span.startMs, endMs: cancelAt };
    }
    if (nowMs < span.startMs) return { ...base, status: 'PENDING', message: null, startMs: null, endMs: null };
    if (nowMs < span.endMs) return { ...base, status: 'RUNNING', message: null, startMs: span.startMs, endMs: null };
    return { ...base, status: 'COMPLETED', message: null, startMs: span.startMs, endMs: span.endMs };
  });

  if (stopped && stopAt !== null) {
    return cancelAt !== null
      ? { status: 'CANCELLED', reason: 'The image build was cancelled by CancelImageCreation.', endedAtMs: cancelAt, steps }
      : { status: 'FAILED', reason: failureReason(build), endedAtMs: stopAt, steps };
  }
  const r = (nowMs - build.startedAtMs) / build.durationMs;
  const testStart = testsEnabled(build) ? TEST_START : DISTRIBUTION_START;
  const status: ImageStatus =
    r < PENDING_END ? 'PENDING' : r < testStart ? 'BUILDING' : r < DISTRIBUTION_START ? 'TESTING' : r < INTEGRATING_START ? 'DISTRIBUTING' : r < 1 ? 'INTEGRATING' : 'AVAILABLE';
  return { status, reason: null, endedAtMs: status === 'AVAILABLE' ? endMs : null, steps };
}

export interface WorkflowView {
  type: WorkflowType;
  workflowExecutionId: string;
  status: WorkflowStatus;
  message: string | null;
  steps: StepView[];
  startMs: number | null;
  endMs: number | null;
}

export function workflowViews(build: ImageBuildRecord, view: BuildView): WorkflowView[] {
  return (['BUILD', 'TEST', 'DISTRIBUTION'] as const).map((type) => {
    const steps = view.steps.filter((s) => s.workflow === type);
    const all = (s: StepStatus): boolean => steps.every((x) => x.status === s);
    const any = (s: StepStatus): boolean => steps.some((x) => x.status === s);
    const status: WorkflowStatus = any('FAILED')
      ? 'FAILED'
      : any('CANCELLED')
        ? 'CANCELLED'
        : all('SKIPPED')
          ? 'SKIPPED'
          : all('PENDING')
            ? 'PENDING'
            : steps.every((x) => x.status === 'COMPLETED' || x.status === 'SKIPPED')
              ? 'COMPLETED'
              : 'RUNNING';
    const started = steps.filter((s) => s.startMs !== null);
    const terminal = status === 'COMPLETED' || status === 'FAILED' || status === 'CANCELLED';
    const message = status === 'FAILED' ? view.reason : status === 'CANCELLED' ? 'Workflow execution was cancelled.' : null;
    return {
      type,
      workflowExecutionId: build.workflowExecutionIds[type],
      status,
      message,
      steps,
      startMs: started[0]?.startMs ?? null,
      endMs: terminal ? Math.max(...started.map((s) => s.endMs ?? 0)) : null,
    };
  });
}
