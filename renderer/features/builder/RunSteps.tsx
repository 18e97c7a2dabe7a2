import type { BuildRun } from '../../../shared/imagebuilder';
import { exactTime } from '../../lib/time';
import { isRunFinished, stepTiming } from '../../lib/builder';
import { RunStatus } from './RunStatus';

/**
 * The build's workflow steps (build, test, distribution): open while it runs, folded once it ended.
 * Times are shown from the first step and as durations: Image Builder's clock need not be ours.
 */
export function RunSteps({ run }: { run: BuildRun }) {
  if (run.steps.length === 0) return null;
  const timing = stepTiming(run.steps);
  const failed = run.steps.some((s) => s.status === 'FAILED');
  return (
    <details className="builder-steps" open={!isRunFinished(run) || failed}>
      <summary>Workflow steps ({run.steps.length})</summary>
      <table className="mini-table builder-subtable" aria-label={`Workflow steps of ${run.pipelineName}`}>
        <thead>
          <tr>
            <th scope="col">Workflow</th>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Started
            </th>
            <th scope="col" className="num">
              Took
            </th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {run.steps.map((step, i) => (
            <tr key={`${step.workflow}-${step.name}-${i}`} data-testid="run-step" data-status={step.status}>
              <td className="mono-soft">{step.workflow.toLowerCase()}</td>
              <td className="mono">{step.name}</td>
              <td>
                <RunStatus status={step.status} />
              </td>
              <td className="num muted" title={step.startTime ? exactTime(step.startTime) : undefined}>
                {timing[i]?.offset ?? '—'}
              </td>
              <td className="num muted" title={step.endTime ? exactTime(step.endTime) : undefined}>
                {timing[i]?.took ?? '—'}
              </td>
              <td className="builder-step-message">{step.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
