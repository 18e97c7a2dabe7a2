import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { plural } from '../../lib/format';
import { isRunFinished } from '../../lib/builder';
import { loadRuns, useBuilder } from './store';
import { RunRow } from './RunRow';

/** Runs started from here (newest first), live; this account and region's by default, or every account's. */
export function RunList({ account, region }: { account: string; region: string }) {
  const runs = useBuilder((s) => s.runs);
  const status = useBuilder((s) => s.runsStatus);
  const error = useBuilder((s) => s.runsError);
  const [everywhere, setEverywhere] = useState(false);
  const shown = everywhere ? runs : runs.filter((r) => r.account === account && r.region === region);
  const running = shown.filter((r) => !isRunFinished(r)).length;

  return (
    <section className="builder-runs" aria-label="Runs" data-testid="builder-runs">
      <header className="builder-runs-head">
        <h3 className="section-title">Runs</h3>
        <span className="muted">
          {plural(shown.length, 'run')}
          {running > 0 && ` · ${running} running`}
        </span>
        <label className="builder-runs-scope">
          <input type="checkbox" checked={everywhere} onChange={(e) => setEverywhere(e.target.checked)} /> every account and region
        </label>
      </header>
      {error && <ErrorBanner error={error} onRetry={() => void loadRuns()} />}
      {shown.length === 0 && status !== 'loading' ? (
        <EmptyState icon="clock" title="No runs yet">
          Select a pipeline and press Run pipeline; its build is followed here through testing and distribution to the AMIs it makes.
        </EmptyState>
      ) : (
        <ul className="builder-run-list">
          {shown.map((run) => (
            <RunRow key={run.id} run={run} showPlace={everywhere} />
          ))}
        </ul>
      )}
    </section>
  );
}
