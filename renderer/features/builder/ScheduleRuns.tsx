import { nextRunTimes, UTC_ZONE } from '../../../shared/schedule';
import { useNow } from '../../components/useNow';
import { cronProblem } from '../../lib/builder';
import { CheckNote } from './CheckNote';

const RUNS = 5;

const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/**
 * The next five times a schedule runs, in the user's time and in UTC, under the schedule field;
 * or, when the expression cannot run, why in words (what the field's own check has not said).
 * `timeZone` is the zone the pipeline reads its expression in (UTC unless it says otherwise).
 */
export function ScheduleRuns({ expression, timeZone = UTC_ZONE }: { expression: string | null; timeZone?: string }) {
  const now = useNow();
  if (!expression) return null;
  const out = nextRunTimes(expression, { after: new Date(now), count: RUNS, timeZone });
  if (!out.ok) {
    // The field already says why the expression is refused; this adds what only the runs show.
    if (cronProblem(expression)) return null;
    return (
      <CheckNote tone="bad" testId="schedule-runs">
        {out.problem}
      </CheckNote>
    );
  }
  if (out.runs.length === 0) {
    return (
      <CheckNote tone="warn" testId="schedule-runs">
        This schedule never runs again: no date after today matches it.
      </CheckNote>
    );
  }
  const zone = localZone();
  const local = formatter(zone);
  const utc = formatter('UTC');
  const sameZone = local.format(out.runs[0]) === utc.format(out.runs[0]);
  return (
    <div className="schedule-runs" data-testid="schedule-runs" role="status" aria-live="polite">
      <table>
        <caption className="sr-only">The next {out.runs.length} runs</caption>
        <thead>
          <tr>
            <th scope="col">{out.runs.length === RUNS ? `Next ${RUNS} runs` : `The last ${out.runs.length} runs`}{sameZone ? ' (your time is UTC)' : `, your time (${zone})`}</th>
            {!sameZone && <th scope="col">UTC</th>}
          </tr>
        </thead>
        <tbody>
          {out.runs.map((run) => (
            <tr key={run.getTime()} data-testid="schedule-run" data-at={run.toISOString()}>
              <td>{local.format(run)}</td>
              {!sameZone && <td className="muted">{utc.format(run)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
