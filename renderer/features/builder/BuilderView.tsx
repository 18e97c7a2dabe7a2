import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RefreshButton } from '../../components/RefreshButton';
import { ModeView, StatusSep } from '../../components/ModeView';
import { plural } from '../../lib/format';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { loadPipelines, placeKey, selectPipeline, useBuilder } from './store';
import { openWizard } from './wizardStore';
import { PipelineDetailPane } from './PipelineDetailPane';
import { PipelinesEmpty } from './PipelinesEmpty';
import { PipelineTable } from './PipelineTable';
import { RunList } from './RunList';

/**
 * Image Builder for the active account and region: its pipelines (list, then the selected one's
 * detail with "Run pipeline") and the runs, followed live.
 */
export function BuilderView() {
  const account = useAtlas((s) => findAccount(s.workspace, s.accountId));
  const region = useAtlas((s) => s.region);
  const key = account && region ? placeKey(account.id, region) : null;
  const state = useBuilder((s) => (key ? s.pipelines[key] : undefined));
  const selectedArn = useBuilder((s) => s.selectedArn);
  const pipelines = state?.data ?? null;

  // Read on opening and on every switch of account or region: pipelines change outside the app.
  const accountId = account?.id ?? null;
  useEffect(() => {
    if (accountId && region) void loadPipelines(accountId, region);
  }, [accountId, region]);

  // Keep a selection that belongs here; else the first pipeline.
  useEffect(() => {
    if (!pipelines) return;
    if (!selectedArn || !pipelines.some((p) => p.arn === selectedArn)) selectPipeline(pipelines[0]?.arn ?? null);
  }, [pipelines, selectedArn]);

  if (!account || !region) {
    return (
      <section className="images builder" aria-label="Image Builder" data-testid="builder-view">
        <div className="state-center muted">Choose an account and a region.</div>
      </section>
    );
  }
  const selected = pipelines?.find((p) => p.arn === selectedArn) ?? null;
  const loading = state?.status === 'loading';
  const create = () => openWizard(account.id, region, currentImage(account.id, region));

  let body;
  if (state?.status === 'error' && !pipelines) {
    body = (
      <div className="state-center">
        <ErrorBanner error={state.error!} onRetry={() => void loadPipelines(account.id, region)} variant="full" />
      </div>
    );
  } else if (!pipelines) {
    body = null;
  } else if (pipelines.length === 0) {
    body = <PipelinesEmpty accountName={account.name} region={region} onCreate={create} />;
  } else {
    body = (
      <div className="builder-split">
        <div className="builder-main">
          <PipelineTable pipelines={pipelines} selectedArn={selectedArn} />
          <RunList account={account.id} region={region} />
        </div>
        {selected && <PipelineDetailPane key={selected.arn} summary={selected} />}
      </div>
    );
  }

  return (
    <ModeView
      className="builder"
      label="Image Builder"
      testId="builder-view"
      icon="refresh"
      title={
        <>
          Image Builder
          <span className="muted builder-place">
            {account.name} · <span className="mono">{region}</span>
          </span>
        </>
      }
      titleClassName="audit-title builder-title"
      end={
        <>
          <button type="button" className="button button-small button-primary" onClick={create} data-testid="builder-create">
            <Icon name="plus" size={13} /> Create pipeline
          </button>
          <RefreshButton title="Read the pipelines again" busy={loading} onRefresh={() => void loadPipelines(account.id, region)} />
        </>
      }
      loading={loading ? 'Loading pipelines' : null}
      error={state?.status === 'error' && pipelines ? state.error! : null}
      onRetry={() => void loadPipelines(account.id, region)}
      statusTestId="builder-status"
      status={
        <>
          <span>{pipelines ? plural(pipelines.length, 'pipeline') : loading ? 'Loading…' : '—'}</span>
          <StatusSep />
          <span>
            {account.name}/{region}
          </span>
        </>
      }
    >
      {body}
    </ModeView>
  );
}

/** The AMI picked in the grid, offered as the base image of a new pipeline. */
function currentImage(account: string, region: string): string | null {
  const s = useAtlas.getState();
  return s.imagesFor?.account === account && s.imagesFor.region === region ? s.selectedImageId : null;
}
