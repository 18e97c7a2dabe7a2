import type { AccountHealth } from '../../shared/model';
import { HEALTH_WORDING } from '../lib/accounts';

/**
 * ok (green) / needs sign-in (amber, ringed) / error (red) / unknown (grey), with the core's
 * explanation on hover. `busy` marks a sign-in in progress.
 */
export function HealthDot({ health, message, busy }: { health: AccountHealth; message: string | null; busy?: boolean }) {
  const words = busy ? 'Signing in' : HEALTH_WORDING[health];
  const text = message ? `${words}: ${message}` : words;
  return (
    <span className={`health-dot health-${health}${busy ? ' is-busy' : ''}`} title={text} data-health={health}>
      <span className="sr-only">{health === 'ok' && !busy ? '' : `(${words})`}</span>
    </span>
  );
}
