import type { PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import { confirmChange } from '../../components/ConfirmProduction';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { confirmationsOf, productionNamed } from '../../lib/confirm';
import { useAtlas } from '../../store';
import { ClonePipelineDialog } from './ClonePipelineDialog';
import { DeletePipelineDialog } from './DeletePipelineDialog';
import { EditPipelineDialog } from './EditPipelineDialog';
import { dismissNotice, dismissToggleError, openManage, setPipelineStatus, useManage } from './manageStore';

/**
 * What can be done to a pipeline besides running it: edit it, enable or disable it, clone it
 * into another account or region, delete it (with its parts when asked). The dialogs open here;
 * edit, clone and delete wait for the detail (they start from what the pipeline is made of).
 */
export function PipelineActions({ summary, detail }: { summary: PipelineSummary; detail: PipelineDetail | null }) {
  const toggle = useManage((s) => s.toggles[summary.arn]);
  const dialog = useManage((s) => (s.dialog?.summary.arn === summary.arn ? s.dialog : null));
  const enabled = summary.status !== 'DISABLED';

  async function flipStatus() {
    const account = useAtlas.getState().workspace?.accounts.find((a) => a.id === summary.account);
    const status = enabled ? 'DISABLED' : 'ENABLED';
    if (account?.production) {
      const ok = await confirmChange({
        title: `${enabled ? 'Disable' : 'Enable'} ${summary.name}`,
        message: enabled
          ? 'The pipeline stops running on its schedule; it can still be started by hand, and nothing it built is touched.'
          : `The pipeline runs on its schedule again${summary.schedule ? ` (${summary.schedule})` : ''}.`,
        accounts: [account],
        lines: [{ account: account.id, region: summary.region, text: `${summary.name}: status ${summary.status} → ${status}` }],
        confirmLabel: enabled ? 'Disable' : 'Enable',
        inAws: true,
      });
      if (!ok) return;
    }
    await setPipelineStatus(summary, status, confirmationsOf(productionNamed(account ? [account] : [])));
  }

  const open = (kind: 'edit' | 'clone' | 'delete') => detail && openManage({ kind, summary, detail });
  const waiting = !detail ? 'Reading the pipeline…' : undefined;

  return (
    <div className="builder-manage-actions" role="group" aria-label={`Manage ${summary.name}`}>
      <button type="button" className="button button-small" onClick={() => open('edit')} disabled={!detail} title={waiting} data-testid="pipeline-edit">
        <Icon name="sliders" size={13} /> Edit
      </button>
      <button
        type="button"
        className="button button-small"
        onClick={() => void flipStatus()}
        disabled={toggle?.running}
        aria-pressed={!enabled}
        title={enabled ? 'Stop running on its schedule' : 'Run on its schedule again'}
        data-testid="pipeline-toggle"
      >
        <Icon name="switch" size={13} /> {toggle?.running ? (enabled ? 'Disabling…' : 'Enabling…') : enabled ? 'Disable' : 'Enable'}
      </button>
      <button type="button" className="button button-small" onClick={() => open('clone')} disabled={!detail} title={waiting} data-testid="pipeline-clone">
        <Icon name="copy" size={13} /> Clone…
      </button>
      <button type="button" className="button button-small button-danger-outline" onClick={() => open('delete')} disabled={!detail} title={waiting} data-testid="pipeline-delete">
        <Icon name="trash" size={13} /> Delete…
      </button>
      {dialog?.kind === 'edit' && <EditPipelineDialog summary={dialog.summary} detail={dialog.detail} />}
      {dialog?.kind === 'clone' && <ClonePipelineDialog summary={dialog.summary} detail={dialog.detail} />}
      {dialog?.kind === 'delete' && <DeletePipelineDialog summary={dialog.summary} detail={dialog.detail} />}
    </div>
  );
}

/** What the last change to this pipeline said (or why enabling/disabling failed), until dismissed. */
export function ManageNotices({ arn }: { arn: string }) {
  const notice = useManage((s) => s.notices[arn]);
  const error = useManage((s) => s.toggles[arn]?.error);
  return (
    <>
      {error && <ErrorBanner error={error} onDismiss={() => dismissToggleError(arn)} />}
      {notice && (
        <p className="tone-line is-success builder-manage-notice" role="status" data-testid="pipeline-manage-notice">
          <Icon name="check" size={13} />
          <span>{notice}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissNotice(arn)}>
            <Icon name="close" size={12} />
          </button>
        </p>
      )}
    </>
  );
}
