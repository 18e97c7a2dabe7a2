import type { AccountHealth } from '../../../shared/model';

const wording: Record<AccountHealth, string> = {
  ok: 'Credentials work',
  error: 'Needs attention',
  unknown: 'Not checked yet',
};

/** ok / error / unknown, with the core's explanation on hover. */
export function HealthDot({ health, message }: { health: AccountHealth; message: string | null }) {
  const text = message ? `${wording[health]}: ${message}` : wording[health];
  return (
    <span className={`health-dot health-${health}`} title={text}>
      <span className="sr-only">{health === 'ok' ? '' : `(${wording[health]})`}</span>
    </span>
  );
}
