import { useEffect, useState } from 'react';
import type { PipelineSummary } from '../../../shared/imagebuilder';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SkeletonLines, Spinner } from '../../components/Spinner';
import { historyKey, loadHistory, loadMoreHistory, useHistory } from './historyStore';
import { HistoryBuildRow } from './HistoryBuildRow';
import { useBuilder } from './store';

/** Placeholders show only when an answer takes longer than this, so a quick one does not flash. */
const SHOW_LOADING_AFTER_MS = 250;

function useShownAfter(active: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(t);
  }, [active, ms]);
  return shown;
}

/**
 * Every build Image Builder lists for the pipeline, whoever started it (its schedule, the console,
 * the CLI, this app), newest first, in pages. Read again when a run this app follows starts or ends.
 */
export function PipelineHistory({ summary }: { summary: PipelineSummary }) {
  const { account, region, arn } = summary;
  const state = useHistory((s) => s.histories[historyKey(account, region, arn)]);
  // The runs this app follows for this pipeline, as "id:status" once finished: a change reads the history again.
  const runsSeen = useBuilder((s) =>
    s.runs
      .filter((r) => r.pipelineArn === arn && r.account === account && (r.imageBuildArn || r.finished))
      .map((r) => `${r.id}:${r.finished ? r.status : 'started'}`)
      .join(','),
  );
  useEffect(() => {
    void loadHistory(account, region, arn);
  }, [account, region, arn, runsSeen]);

  const loading = !state || state.status === 'loading';
  const showSkeleton = useShownAfter(loading, SHOW_LOADING_AFTER_MS);
  const showRefreshing = useShownAfter(!!state?.refreshing, SHOW_LOADING_AFTER_MS);
  const place = { account, region };

  return (
    <section className="builder-history" aria-label={`History of ${summary.name}`} data-testid="pipeline-history" aria-busy={loading || state?.refreshing ? 'true' : 'false'}>
      <div className="builder-history-head">
        <p className="muted">Every build Image Builder keeps for this pipeline, whoever started it.</p>
        {showRefreshing && <Spinner label="Reading the history again" />}
        <button type="button" className="button button-small" onClick={() => void loadHistory(account, region, arn)} disabled={loading || state?.refreshing} data-testid="history-refresh">
          Refresh
        </button>
      </div>
      {state?.error && <ErrorBanner error={state.error} onRetry={() => void loadHistory(account, region, arn)} />}
      {loading && (showSkeleton ? <SkeletonLines count={6} /> : null)}
      {state?.status === 'ready' && state.builds.length === 0 && !state.error && (
        <div data-testid="history-empty">
          <EmptyState icon="box" title="No runs yet: Run pipeline">
            Image Builder has no build of this pipeline. Start one with Run pipeline above
            {summary.schedule ? (
              <>
                , or wait for its schedule (<span className="mono">{summary.schedule}</span>)
              </>
            ) : null}
            .
          </EmptyState>
        </div>
      )}
      {state && state.builds.length > 0 && (
        <>
          <ol className="builder-run-list builder-history-list" aria-label="Builds, newest first">
            {state.builds.map((build) => (
              <HistoryBuildRow key={build.arn} place={place} build={build} />
            ))}
          </ol>
          {state.moreError && <ErrorBanner error={state.moreError} onRetry={() => void loadMoreHistory(account, region, arn)} />}
          {state.nextToken && (
            <div className="builder-history-more">
              <button type="button" className="button" disabled={state.loadingMore} onClick={() => void loadMoreHistory(account, region, arn)} data-testid="history-more">
                {state.loadingMore ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
