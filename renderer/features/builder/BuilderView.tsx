import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RefreshButton } from '../../components/RefreshButton';
import { ModeView, StatusSep } from '../../components/ModeView';
import { Tabs, type TabItem } from '../../components/Tabs';
import { plural } from '../../lib/format';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { loadPipelines, placeKey, selectPipeline, useBuilder } from './store';
import { loadComponentFamilies, loadRecipeFamilies, openNewComponent, setBuilderTab, useAuthoring, type BuilderTab } from './authoringStore';
import { ComponentsPlace } from './ComponentsPlace';
import { RecipesPlace } from './RecipesPlace';
import { openWizard } from './wizardStore';
import { PipelineDetailPane } from './PipelineDetailPane';
import { PipelinesEmpty } from './PipelinesEmpty';
import { PipelineTable } from './PipelineTable';
import { RunList } from './RunList';

const TABS: readonly TabItem<BuilderTab>[] = [
  { id: 'pipelines', label: 'Pipelines' },
  { id: 'components', label: 'Components' },
  { id: 'recipes', label: 'Recipes' },
];

/**
 * Image Builder for the active account and region, in three tabs: its pipelines (list, then the
 * selected one's detail with "Run pipeline") and the runs, followed live; its components, written
 * as YAML documents and versioned; its image recipes and their versions.
 */
export function BuilderView() {
  const account = useAtlas((s) => findAccount(s.workspace, s.accountId));
  const region = useAtlas((s) => s.region);
  const tab = useAuthoring((s) => s.tab);
  const key = account && region ? placeKey(account.id, region) : null;
  const state = useBuilder((s) => (key ? s.pipelines[key] : undefined));
  const components = useAuthoring((s) => (key ? s.components[key] : undefined));
  const recipes = useAuthoring((s) => (key ? s.recipes[key] : undefined));
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
  const create = () => openWizard(account.id, region, currentImage(account.id, region));

  let body;
  if (tab === 'components') {
    body = <ComponentsPlace account={account} region={region} />;
  } else if (tab === 'recipes') {
    body = <RecipesPlace account={account} region={region} />;
  } else if (state?.status === 'error' && !pipelines) {
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
  if (tab === 'pipelines') {
    body = (
      <div className="builder-tab-panel" role="tabpanel" id="builder-panel-pipelines" aria-labelledby="builder-tab-pipelines">
        {body}
      </div>
    );
  }

  // The toolbar's refresh, progress and status follow the tab shown.
  const refresh =
    tab === 'components'
      ? () => void loadComponentFamilies(account.id, region)
      : tab === 'recipes'
        ? () => void loadRecipeFamilies(account.id, region)
        : () => void loadPipelines(account.id, region);
  const shown = tab === 'components' ? components : tab === 'recipes' ? recipes : state;
  const busy = shown?.status === 'loading';
  const count =
    tab === 'components'
      ? components?.data
        ? plural(components.data.length, 'component')
        : null
      : tab === 'recipes'
        ? recipes?.data
          ? plural(recipes.data.length, 'recipe')
          : null
        : pipelines
          ? plural(pipelines.length, 'pipeline')
          : null;

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
      tools={<Tabs label="Image Builder" items={TABS} value={tab} onChange={setBuilderTab} idPrefix="builder" className="builder-tabs" />}
      end={
        <>
          {tab === 'pipelines' && (
            <button type="button" className="button button-small button-primary" onClick={create} data-testid="builder-create">
              <Icon name="plus" size={13} /> Create pipeline
            </button>
          )}
          {tab === 'components' && (
            <button type="button" className="button button-small button-primary" onClick={() => openNewComponent(account.id, region)} data-testid="builder-new-component">
              <Icon name="plus" size={13} /> New component
            </button>
          )}
          <RefreshButton title={`Read the ${tab} again`} busy={busy} onRefresh={refresh} />
        </>
      }
      loading={busy ? `Loading ${tab}` : null}
      error={tab === 'pipelines' && state?.status === 'error' && pipelines ? state.error! : null}
      onRetry={refresh}
      statusTestId="builder-status"
      status={
        <>
          <span>{count ?? (busy ? 'Loading…' : '—')}</span>
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
