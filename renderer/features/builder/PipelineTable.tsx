import { useRef, type KeyboardEvent } from 'react';
import type { PipelineSummary } from '../../../shared/imagebuilder';
import { RelativeTime } from '../../components/RelativeTime';
import { describeSchedule } from '../../lib/builder';
import { selectPipeline } from './store';
import { RunStatus } from './RunStatus';

/** The pipelines of one account and region. One tab stop; arrows, j/k, Home and End move the selection. */
export function PipelineTable({ pipelines, selectedArn }: { pipelines: readonly PipelineSummary[]; selectedArn: string | null }) {
  const body = useRef<HTMLTableSectionElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const index = pipelines.findIndex((p) => p.arn === selectedArn);
    let next: number;
    if (event.key === 'ArrowDown' || event.key === 'j') next = Math.min(index + 1, pipelines.length - 1);
    else if (event.key === 'ArrowUp' || event.key === 'k') next = Math.max(index - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = pipelines.length - 1;
    else return;
    event.preventDefault();
    const pipeline = pipelines[next];
    if (!pipeline) return;
    selectPipeline(pipeline.arn);
    body.current?.querySelector<HTMLElement>(`[data-row="${next}"]`)?.focus();
  }

  const hasSelection = pipelines.some((p) => p.arn === selectedArn);
  return (
    <div className="builder-table-wrap">
      <table className="mini-table builder-table" aria-label="Pipelines" data-testid="pipeline-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Schedule</th>
            <th scope="col">Last run</th>
            <th scope="col">Next run</th>
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={onKeyDown}>
          {pipelines.map((p, i) => {
            const selected = p.arn === selectedArn;
            return (
              <tr
                key={p.arn}
                data-row={i}
                data-testid="pipeline-row"
                data-name={p.name}
                className={selected ? 'is-selected' : undefined}
                aria-selected={selected}
                tabIndex={selected || (!hasSelection && i === 0) ? 0 : -1}
                onClick={() => selectPipeline(p.arn)}
                onFocus={() => selectPipeline(p.arn)}
              >
                <td className="builder-name" title={p.description ?? p.name}>
                  <span className="mono">{p.name}</span>
                </td>
                <td>
                  <span className={`state state-${p.status === 'ENABLED' ? 'success' : 'neutral'}`}>
                    <span className="state-dot" aria-hidden="true" />
                    {p.status === 'ENABLED' ? 'enabled' : p.status.toLowerCase()}
                  </span>
                </td>
                <td className={p.schedule ? 'mono-soft' : 'muted'} title={p.schedule ?? 'Runs only when started'}>
                  {describeSchedule(p.schedule)}
                </td>
                <td>
                  {p.lastRun ? (
                    <span className="builder-last" title={p.lastRun.reason ?? undefined}>
                      <RunStatus status={p.lastRun.status} /> <RelativeTime value={p.lastRun.at ?? p.dateLastRun} className="muted" />
                    </span>
                  ) : (
                    <span className="muted">never</span>
                  )}
                </td>
                <td>{p.dateNextRun ? <RelativeTime value={p.dateNextRun} /> : <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
