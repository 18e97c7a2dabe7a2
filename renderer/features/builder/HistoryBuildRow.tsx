import type { AccountSummary } from '../../../shared/model';
import type { HistoryAmi, HistoryBuild, WorkflowRun } from '../../../shared/imagebuilder-history';
import { Badge } from '../../components/Badge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { SkeletonLines } from '../../components/Spinner';
import { endpointOf } from '../../lib/awsLinks';
import { stepTiming } from '../../lib/builder';
import { exactTime } from '../../lib/time';
import { useAtlas } from '../../store';
import { historyKey, loadBuildSteps, openBuildLogs, useHistory } from './historyStore';
import { RunStatus } from './RunStatus';
import { useBuilder } from './store';

const BUILD_TYPES: Record<string, string> = { SCHEDULED: 'scheduled', USER_INITIATED: 'started by hand', IMPORT: 'imported', IMPORT_ISO: 'imported' };

interface Place {
  account: string;
  region: string;
}

/**
 * The workspace account an AMI opens in: the pipeline's own when it owns the AMI; otherwise the
 * account with the owner's 12-digit id, the one behind the pipeline's endpoint first (the same id
 * behind another endpoint is another account). Null when no account of the workspace owns it.
 */
export function amiAccount(accounts: readonly AccountSummary[], pipelineAccount: string, owner: string | null): AccountSummary | null {
  const own = accounts.find((a) => a.id === pipelineAccount) ?? null;
  if (!owner || owner === own?.awsAccountId) return own;
  const candidates = accounts.filter((a) => a.awsAccountId === owner);
  const endpoint = endpointOf(own);
  return candidates.find((a) => endpointOf(a) === endpoint) ?? candidates[0] ?? null;
}

/** One build Image Builder lists: version, status, how it was started, when; why it failed; its AMIs; its logs; its workflow steps on demand. */
export function HistoryBuildRow({ place, build }: { place: Place; build: HistoryBuild }) {
  const fromApp = useBuilder((s) => s.runs.some((r) => r.imageBuildArn === build.arn));
  const type = build.buildType ? (BUILD_TYPES[build.buildType] ?? build.buildType.toLowerCase()) : null;
  const ended = build.status === 'FAILED' || build.status === 'CANCELLED';
  return (
    <li className="builder-run builder-history-build" data-testid="history-build" data-arn={build.arn} data-status={build.status} data-build-type={build.buildType ?? ''}>
      <div className="builder-run-head">
        <span className="mono builder-run-name" title={build.arn}>
          {build.version}
        </span>
        <RunStatus status={build.status} />
        {type && <Badge tone="neutral">{type}</Badge>}
        {fromApp && (
          <Badge tone="accent" title="Started from this app: it is also in the runs below">
            from this app
          </Badge>
        )}
        <span className="muted builder-run-time" title={build.createdAt ? exactTime(build.createdAt) : undefined}>
          {build.createdAt ? <RelativeTime value={build.createdAt} /> : '—'}
        </span>
      </div>
      {ended && build.reason && (
        <p className="job-error builder-run-reason" data-testid="history-reason">
          {build.reason}
        </p>
      )}
      <HistoryAmis place={place} amis={build.amis} />
      <BuildLogs place={place} build={build} />
      <BuildSteps place={place} build={build} />
    </li>
  );
}

function HistoryAmis({ place, amis }: { place: Place; amis: HistoryAmi[] }) {
  const revealImage = useAtlas((s) => s.revealImage);
  const accounts = useAtlas((s) => s.workspace?.accounts) ?? [];
  if (amis.length === 0) return null;
  return (
    <ul className="builder-amis" aria-label="AMIs produced">
      {amis.map((ami) => {
        const owner = amiAccount(accounts, place.account, ami.awsAccountId);
        return (
          <li key={`${ami.awsAccountId}-${ami.region}-${ami.imageId}`} className="builder-ami">
            <span className="mono-soft">{ami.region}</span>
            {owner ? (
              <button
                type="button"
                className="link-button mono"
                title={`Show ${ami.name} in ${owner.name}/${ami.region}`}
                data-testid="history-ami"
                data-region={ami.region}
                data-account={owner.id}
                onClick={() => void revealImage({ account: owner.id, region: ami.region, imageId: ami.imageId })}
              >
                {ami.imageId}
              </button>
            ) : (
              <span className="mono" data-testid="history-ami" data-region={ami.region} title="No account of this workspace owns this AMI">
                {ami.imageId}
              </span>
            )}
            <span className="muted builder-history-owner">{owner ? owner.name : (ami.awsAccountId ?? 'unknown owner')}</span>
            <span className="muted builder-ami-name">{ami.name}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The console cannot show an account that talks to another endpoint (the demo's, a private one): the link says so instead. */
function useConsoleBlocked(account: string): string | null {
  const entry = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === account) ?? null);
  const elsewhere = endpointOf(entry);
  if (!elsewhere) return null;
  let host = elsewhere;
  try {
    host = new URL(elsewhere).host;
  } catch {
    // Not a URL: named as it is.
  }
  return `This account talks to ${host}, not AWS: the AWS Console cannot show its logs.`;
}

function LogLink({ place, build, where, label, detail }: { place: Place; build: HistoryBuild; where: 'cloudwatch' | 's3'; label: string; detail: string }) {
  const blocked = useConsoleBlocked(place.account);
  return (
    <button
      type="button"
      className="link-button builder-log-link"
      data-testid={where === 'cloudwatch' ? 'history-log-cloudwatch' : 'history-log-s3'}
      disabled={blocked !== null}
      title={blocked ?? `Open ${detail} in the AWS Console`}
      onClick={() => void openBuildLogs(place.account, place.region, build.arn, where)}
    >
      <Icon name="external" size={12} />
      {label}
    </button>
  );
}

function BuildLogs({ place, build }: { place: Place; build: HistoryBuild }) {
  const error = useHistory((s) => s.logErrors[historyKey(place.account, place.region, build.arn)]);
  return (
    <div className="builder-history-logs">
      <span className="muted">Logs</span>
      <LogLink place={place} build={build} where="cloudwatch" label="CloudWatch Logs" detail={`${build.logs.logGroup} › ${build.logs.logStream}`} />
      <span className="mono-soft builder-history-logpath" title={`${build.logs.logGroup} › ${build.logs.logStream}`}>
        {build.logs.logGroup} › {build.logs.logStream}
      </span>
      {error && <ErrorBanner error={error} />}
    </div>
  );
}

/** Folded until opened; opening reads the workflows (once for a finished build). */
function BuildSteps({ place, build }: { place: Place; build: HistoryBuild }) {
  const key = historyKey(place.account, place.region, build.arn);
  const state = useHistory((s) => s.steps[key]);
  const data = state?.data ?? null;
  const finished = ['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED', 'DISABLED'].includes(build.status);
  return (
    <details
      className="builder-steps"
      data-testid="history-steps"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open && (!data || !finished)) void loadBuildSteps(place.account, place.region, build.arn);
      }}
    >
      <summary>Workflows and steps</summary>
      {state?.status === 'error' && state.error && <ErrorBanner error={state.error} onRetry={() => void loadBuildSteps(place.account, place.region, build.arn)} />}
      {!data && state?.status !== 'error' && <SkeletonLines count={3} />}
      {data && (
        <div className="builder-history-workflows">
          {data.message && data.message !== build.reason && <p className="muted builder-step-message">{data.message}</p>}
          {data.workflows.length === 0 && <p className="muted">Image Builder lists no workflow for this build.</p>}
          {data.workflows.map((w) => (
            <WorkflowSteps key={w.workflowExecutionId} workflow={w} version={build.version} shown={build.reason} />
          ))}
          {data.s3Logs && (
            <p className="builder-history-logs">
              <span className="muted">S3 logs</span>
              <LogLink place={place} build={build} where="s3" label={`s3://${data.s3Logs.bucket}/${data.s3Logs.prefix}`} detail="the S3 log location" />
            </p>
          )}
        </div>
      )}
    </details>
  );
}

/** `shown`: the build's reason, already above; a message that only repeats it is left out. */
function WorkflowSteps({ workflow, version, shown }: { workflow: WorkflowRun; version: string; shown: string | null }) {
  const said = (message: string | null) => (message && message !== shown ? message : null);
  const timing = stepTiming(workflow.steps);
  const name = workflow.type.toLowerCase();
  return (
    <section className="builder-history-workflow" data-testid="history-workflow" data-type={workflow.type} data-status={workflow.status}>
      <div className="builder-history-workflow-head">
        <span className="mono">{name}</span>
        <RunStatus status={workflow.status} />
        {workflow.totalSteps !== null && (
          <span className="muted">
            {workflow.stepsSucceeded ?? 0}/{workflow.totalSteps} steps succeeded
            {workflow.stepsFailed ? `, ${workflow.stepsFailed} failed` : ''}
            {workflow.stepsSkipped ? `, ${workflow.stepsSkipped} skipped` : ''}
          </span>
        )}
        <span className="muted builder-run-time" title={workflow.startTime ? exactTime(workflow.startTime) : undefined}>
          {workflow.startTime ? <RelativeTime value={workflow.startTime} /> : ''}
        </span>
      </div>
      {said(workflow.message) && <p className="builder-step-message">{said(workflow.message)}</p>}
      {workflow.steps.length > 0 && (
        <table className="mini-table builder-subtable" aria-label={`Steps of the ${name} workflow of ${version}`}>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Took
              </th>
            </tr>
          </thead>
          <tbody>
            {workflow.steps.map((step, i) => (
              <tr key={`${step.name}-${i}`} data-testid="history-step" data-status={step.status}>
                <td>
                  <span className="mono">{step.name}</span>
                  {said(step.message) && <span className="builder-step-message builder-history-step-message">{said(step.message)}</span>}
                </td>
                <td>
                  <RunStatus status={step.status} />
                </td>
                <td
                  className="num muted"
                  title={[step.startTime && `started ${exactTime(step.startTime)} (${timing[i]?.offset ?? ''})`, step.endTime && `ended ${exactTime(step.endTime)}`].filter(Boolean).join(', ') || undefined}
                >
                  {timing[i]?.took ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
