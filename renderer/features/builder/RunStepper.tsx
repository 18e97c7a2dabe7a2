import { Fragment } from 'react';
import type { BuildRun } from '../../../shared/imagebuilder';
import { Icon } from '../../components/Icon';
import { RUN_STAGES, runProgress, STAGE_LABEL, stepperStates } from '../../lib/builder';
import { useBuilder } from './store';

/** PENDING → BUILDING → TESTING → DISTRIBUTING → INTEGRATING → AVAILABLE; a failed or cancelled run marks the stage it stopped in. */
export function RunStepper({ run }: { run: BuildRun }) {
  const lastSeen = useBuilder((s) => s.lastStage[run.id] ?? null);
  const states = stepperStates(run, lastSeen);
  const value = runProgress(run);
  const ended = run.status === 'FAILED' || run.status === 'CANCELLED';
  return (
    <div
      className="builder-stepper"
      role="progressbar"
      aria-label={`Progress of ${run.pipelineName}`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${run.status.toLowerCase()}${ended ? '' : `, ${value} %`}`}
      data-testid="run-stepper"
    >
      <ol className="builder-stepper-list">
      {RUN_STAGES.map((stage, i) => {
        const state = states[i]!;
        return (
          <Fragment key={stage}>
            {i > 0 && <li className={`builder-step-line is-${states[i - 1] === 'done' ? 'done' : 'todo'}`} aria-hidden="true" />}
            <li className={`builder-step is-${state}`} data-stage={stage} data-state={state}>
              <span className="builder-step-dot" aria-hidden="true">
                {state === 'done' ? <Icon name="check" size={10} strokeWidth={2.4} /> : state === 'failed' ? <Icon name="close" size={10} strokeWidth={2.4} /> : null}
              </span>
              <span className="builder-step-label">{state === 'failed' ? (run.status === 'CANCELLED' ? 'Cancelled' : 'Failed') : STAGE_LABEL[stage]}</span>
            </li>
          </Fragment>
        );
      })}
      </ol>
    </div>
  );
}
