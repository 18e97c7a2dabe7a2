import type { BuildRun } from '../../../shared/imagebuilder';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RelativeTime } from '../../components/RelativeTime';
import { useNow } from '../../components/useNow';
import { canCancelRun, isRunFinished, runDuration } from '../../lib/builder';
import { confirmIfProduction } from '../../components/ConfirmProduction';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { cancelRun, useBuilder } from './store';
import { RunAmis } from './RunAmis';
import { RunStatus } from './RunStatus';
import { RunStepper } from './RunStepper';
import { RunSteps } from './RunSteps';

/** One run: pipeline, status, the stepper, why it ended badly, its workflow steps, Cancel, and the AMIs it made. */
export function RunRow({ run, showPlace }: { run: BuildRun; showPlace: boolean }) {
  const cancel = useBuilder((s) => s.cancels[run.id]);
  const now = useNow();
  const finished = isRunFinished(run);
  const took = runDuration(run, now);
  return (
    <li className={`builder-run${finished ? '' : ' is-running'}`} data-testid="run-row" data-run-id={run.id} data-status={run.status} data-pipeline={run.pipelineName}>
      <div className="builder-run-head">
        <span className="mono builder-run-name" title={run.imageBuildArn ?? run.pipelineArn}>
          {run.pipelineName}
        </span>
        <RunStatus status={run.status} />
        {showPlace && (
          <span className="muted">
            {run.accountName}/<span className="mono">{run.region}</span>
          </span>
        )}
        <span className="muted builder-run-time">
          {finished ? (
            <>
              {took && `took ${took} · `}ended <RelativeTime value={run.finishedAt} />
            </>
          ) : (
            <>
              started <RelativeTime value={run.startedAt} />
              {took && ` · ${took}`}
            </>
          )}
        </span>
        {canCancelRun(run) && (
          <button
            type="button"
            className="button button-small button-danger-outline"
            disabled={cancel?.running}
            onClick={() => void cancelBuild(run)}
            aria-label={`Cancel the run of ${run.pipelineName}`}
            data-testid="run-cancel"
          >
            {cancel?.running ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      <RunStepper run={run} />
      {(run.reason || run.error) && (run.status === 'FAILED' || run.status === 'CANCELLED') && (
        <p className="job-error builder-run-reason" role={run.status === 'FAILED' ? 'alert' : undefined} data-testid="run-reason">
          {run.reason ?? run.error?.message}
        </p>
      )}
      {cancel?.error && <ErrorBanner error={cancel.error} />}
      <RunAmis run={run} />
      <RunSteps run={run} />
    </li>
  );
}

/** A build in a production account asks for the account's name before it is cancelled (the core checks). */
async function cancelBuild(run: BuildRun): Promise<void> {
  const account = findAccount(useAtlas.getState().workspace, run.account);
  const confirmations = account
    ? await confirmIfProduction({
        title: `Cancel the run of ${run.pipelineName}?`,
        message: `The build stops in ${account.name}/${run.region}; no image comes of it.`,
        accounts: [account],
        lines: [{ account: account.id, region: run.region, text: `Cancel ${run.pipelineName}` }],
        confirmLabel: 'Cancel the run',
        tone: 'danger',
        inAws: true,
      })
    : {};
  if (confirmations === null) return;
  await cancelRun(run.id, confirmations);
}
