import { useEffect } from 'react';
import type { PipelineSummary } from '../../../shared/imagebuilder';
import { CopyableId } from '../../components/CopyableId';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SkeletonLines } from '../../components/Spinner';
import { detailKey, loadPipelineDetail, useBuilder } from './store';
import { DistributionSection, InfrastructureSection, RecipeSection, TestsAndSchedule } from './PipelineSections';
import { RunPipelineButton, StartError } from './RunPipelineButton';
import { ManageNotices, PipelineActions } from './PipelineActions';

/** The selected pipeline: what it builds from, where it builds, where it distributes, its tests and schedule; "Run pipeline". */
export function PipelineDetailPane({ summary }: { summary: PipelineSummary }) {
  const key = detailKey(summary.account, summary.region, summary.arn);
  const state = useBuilder((s) => s.details[key]);
  useEffect(() => {
    void loadPipelineDetail(summary.account, summary.region, summary.arn);
  }, [summary.account, summary.region, summary.arn]);
  const detail = state?.data ?? null;

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
      <div className="builder-detail-body">
        <StartError arn={summary.arn} />
        <ManageNotices arn={summary.arn} />
        {state?.status === 'error' && (
          <ErrorBanner error={state.error!} onRetry={() => void loadPipelineDetail(summary.account, summary.region, summary.arn)} />
        )}
        {!detail && state?.status !== 'error' && <SkeletonLines count={8} />}
        {detail && (
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
