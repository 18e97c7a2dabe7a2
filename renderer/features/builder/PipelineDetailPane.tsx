import { useEffect, useState } from 'react';
import type { PipelineSummary } from '../../../shared/imagebuilder';
import { CopyableId } from '../../components/CopyableId';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SkeletonLines } from '../../components/Spinner';
import { panelId, tabId, Tabs } from '../../components/Tabs';
import { detailKey, loadPipelineDetail, useBuilder } from './store';
import { DistributionSection, InfrastructureSection, RecipeSection, TestsAndSchedule } from './PipelineSections';
import { RunPipelineButton, StartError } from './RunPipelineButton';
import { ManageNotices, PipelineActions } from './PipelineActions';
import { PipelineHistory } from './PipelineHistory';

const PANE_TABS = [
  { id: 'definition', label: 'Definition' },
  { id: 'history', label: 'History' },
] as const;
type PaneTab = (typeof PANE_TABS)[number]['id'];

/** The selected pipeline: what it builds from, where it builds, where it distributes, its tests and schedule; "Run pipeline". */
export function PipelineDetailPane({ summary }: { summary: PipelineSummary }) {
  const key = detailKey(summary.account, summary.region, summary.arn);
  const state = useBuilder((s) => s.details[key]);
  useEffect(() => {
    void loadPipelineDetail(summary.account, summary.region, summary.arn);
  }, [summary.account, summary.region, summary.arn]);
  const detail = state?.data ?? null;
  // Kept while another pipeline is selected: comparing pipelines' histories is one click each.
  const [tab, setTab] = useState<PaneTab>('definition');

  return (
    <aside className="builder-detail" aria-label={`Pipeline ${summary.name}`} data-testid="pipeline-detail">
      <header className="builder-detail-head">
        <div className="builder-detail-title">
          <h3 className="mono">{summary.name}</h3>
          {summary.description && <p className="muted">{summary.description}</p>}
          <CopyableId value={summary.arn} className="builder-arn" />
          <PipelineActions summary={summary} detail={detail} />
        </div>
        <RunPipelineButton summary={summary} detail={detail} />
      </header>
      <Tabs<PaneTab> label={`Pipeline ${summary.name}`} items={PANE_TABS} value={tab} onChange={setTab} idPrefix="pipeline-pane" className="builder-detail-tabs" />
      <div className="builder-detail-body" role="tabpanel" id={panelId('pipeline-pane', tab)} aria-labelledby={tabId('pipeline-pane', tab)}>
        <StartError arn={summary.arn} />
        <ManageNotices arn={summary.arn} />
        {tab === 'history' && <PipelineHistory summary={summary} />}
        {tab === 'definition' && state?.status === 'error' && (
          <ErrorBanner error={state.error!} onRetry={() => void loadPipelineDetail(summary.account, summary.region, summary.arn)} />
        )}
        {tab === 'definition' && !detail && state?.status !== 'error' && <SkeletonLines count={8} />}
        {tab === 'definition' && detail && (
          <>
            <RecipeSection detail={detail} />
            <InfrastructureSection detail={detail} />
            <DistributionSection detail={detail} />
            <TestsAndSchedule detail={detail} />
          </>
        )}
      </div>
    </aside>
  );
}
