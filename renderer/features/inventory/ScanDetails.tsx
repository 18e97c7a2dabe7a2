import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { ScanStatus, TargetProgress } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { ClientDot } from '../../components/ClientDot';
import { formatCount, plural } from '../../lib/format';
import { groupTargetsByAccount, type AccountGroup, type AccountProblem, type ScanLine } from '../../lib/scanGroups';
import { findAccount, findClient } from '../../lib/workspace';

const ACCOUNT_STATUS: Record<AccountGroup['status'], string> = { failed: 'Failed', active: 'Reading', done: 'Done' };

/**
 * The scan's details under its line: both phases' figures, then every account (its regions
 * done of total), failures first with each failing region's error, then the accounts being
 * read, then those done. Scrolls within itself; Esc closes it.
 */
export function ScanDetails({
  id,
  targets,
  scan,
  line,
  onClose,
  children,
}: {
  id: string;
  targets: readonly TargetProgress[];
  scan: ScanStatus | null;
  line: ScanLine;
  onClose(): void;
  children?: ReactNode;
}) {
  const workspace = useAtlas((s) => s.workspace);
  const startScan = useAtlas((s) => s.startScan);
  const running = line.state === 'running';
  const groups = useMemo(
    () => groupTargetsByAccount(targets, (account) => findAccount(workspace, account)?.name ?? 'An account no longer in the workspace', running),
    [targets, workspace, running],
  );
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const { phases } = line;
  const waiting = phases.phase === 'listing' && phases.permissionsTotal === 0;

  return (
    <div
      ref={ref}
      id={id}
      className="scan-details"
      role="dialog"
      aria-label="Scan details"
      data-testid="scan-details"
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="scan-details-phases">
        <div className="scan-phase" data-testid="scan-phase-listing" data-state={phases.phase === 'listing' ? 'running' : 'over'}>
          <span className="scan-phase-name">1 · Listing</span>
          <span className="scan-phase-figures">
            {formatCount(phases.listed)} of {plural(phases.targets, 'target')} · {plural(phases.found, 'AMI')} found
          </span>
          {phases.listingFailed > 0 && <span className="scan-failed-count">{plural(phases.listingFailed, 'failure')}</span>}
        </div>
        <div className="scan-phase" data-testid="scan-phase-permissions" data-state={phases.phase === 'over' ? 'over' : phases.phase === 'permissions' ? 'running' : 'waiting'}>
          <span className="scan-phase-name">2 · Launch permissions</span>
          <span className="scan-phase-figures">
            {waiting ? 'read once the grid is complete' : `${formatCount(phases.permissionsRead)} of ${plural(phases.permissionsTotal, 'owned AMI')} read`}
          </span>
          {phases.permissionsFailed > 0 && <span className="scan-failed-count">{plural(phases.permissionsFailed, 'failure')}</span>}
        </div>
        {phases.phase === 'over' && phases.permissionsPending > 0 && (
          <p className="scan-phase-note">{plural(phases.permissionsPending, 'AMI')} still say “permissions pending”: the next scan reads them again.</p>
        )}
        {!running && (
          <div className="scan-details-actions">
            <button
              type="button"
              className="button button-small"
              title="Scan again and read every owned AMI's launch permissions, not only those of new and changed AMIs: shares changed outside AMI Atlas within the last day show only this way"
              onClick={() => void startScan({ rereadPermissions: true })}
            >
              Re-read all permissions
            </button>
          </div>
        )}
      </div>
      {children}
      {groups.length === 0 ? (
        <p className="scan-empty">{scan ? 'Starting…' : 'No scan yet. Scan reads every account × its regions, owned and shared-with-me AMIs.'}</p>
      ) : (
        <ul className="scan-accounts" aria-label="Accounts">
          {groups.map((group) => (
            <AccountItem key={group.account} group={group} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AccountItem({ group }: { group: AccountGroup }) {
  const color = useAtlas((s) => findClient(s.workspace, findAccount(s.workspace, group.account)?.clientId)?.color);
  const reading = group.regions.filter((r) => r.state === 'running').map((r) => r.region);
  return (
    <li className={`scan-account is-${group.status}`} data-testid="scan-account" data-status={group.status}>
      <div className="scan-account-line">
        <ClientDot color={color} />
        <span className="scan-account-name truncate">{group.name}</span>
        <span className="scan-account-regions" title="Regions listed without a failure, of the account's regions">
          {group.regionsDone}/{plural(group.regionsTotal, 'region')}
        </span>
        <span className="scan-count" title="AMIs found">
          {formatCount(group.found)}
        </span>
        <span className={`scan-state scan-state-${group.status === 'active' ? 'running' : group.status}`}>{ACCOUNT_STATUS[group.status]}</span>
      </div>
      {group.problems.map((problem) => (
        <ProblemItem key={`${problem.phase}|${problem.code ?? ''}|${problem.message}`} problem={problem} />
      ))}
      {reading.length > 0 && <div className="scan-account-reading muted">Reading {reading.join(', ')}</div>}
      {group.status !== 'failed' && group.permissionsPending > 0 && !reading.length && (
        <div className="scan-account-reading muted">Launch permissions pending for {plural(group.permissionsPending, 'AMI')}</div>
      )}
    </li>
  );
}

const VIEWS: Record<string, string> = { owned: 'owned', shared: 'shared with me', 'owned,shared': 'owned and shared', 'shared,owned': 'owned and shared' };

/** A failure: which phase, in which regions (and views), and AWS's words. */
function ProblemItem({ problem }: { problem: AccountProblem }) {
  return (
    <div className="scan-problem" data-testid="scan-problem" data-phase={problem.phase} title={problem.code ?? undefined}>
      <div className="scan-problem-where">
        <span className="scan-state scan-state-failed">{problem.phase === 'permissions' ? 'Permissions failed' : 'Listing failed'}</span>
        <span className="mono-soft" data-testid="scan-problem-regions">
          {problem.regions.join(', ')}
        </span>
        <span className="muted">
          {problem.regions.length > 1 ? `${problem.regions.length} regions · ` : ''}
          {VIEWS[problem.views.join(',')]}
        </span>
      </div>
      <div className="scan-target-error-text">
        {problem.message}
        {problem.phase === 'permissions' && problem.permissionsPending > 0 && ` (${plural(problem.permissionsPending, 'AMI')} still pending)`}
      </div>
    </div>
  );
}
