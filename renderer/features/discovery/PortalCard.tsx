import { SsoCode } from '../../components/SsoCode';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { plural } from '../../lib/format';
import { ClientInput } from '../../components/inputs';
import { portalLabel, type PortalState } from './portals';

/** One portal of the dialog: where it stands (reading, waiting for the sign-in, read, failed) and its client. */
export function PortalCard({ portal, onRetry, onRemove, onClient }: { portal: PortalState; onRetry(): void; onRemove(): void; onClient(name: string): void }) {
  const { phase, start } = portal;
  const label = portalLabel(portal.startUrl);
  return (
    <section className={`portal-card portal-${phase}`} aria-label={`Portal ${label}`} data-testid="portal-card" data-phase={phase} data-start-url={portal.startUrl}>
      <header className="portal-card-head">
        <strong className="portal-name" title={portal.startUrl}>
          {label}
        </strong>
        <span className="portal-state" aria-live="polite">
          {phase === 'reading' && (
            <>
              <Spinner label="Reading accounts" /> Reading accounts and roles…
            </>
          )}
          {phase === 'signing-in' && (
            <>
              <Spinner label="Waiting for sign-in" /> Waiting for you to approve in the browser…
            </>
          )}
          {phase === 'ready' && (
            <>
              <Icon name="check" size={14} /> {plural(portal.accounts.length, 'account')}, {plural(new Set(portal.accounts.flatMap((a) => a.roles)).size, 'role')}
            </>
          )}
          {phase === 'failed' && 'Not read'}
        </span>
        <label className="portal-client">
          <span>Client</span>
          <ClientInput className="table-input" value={portal.clientName} onChange={(e) => onClient(e.target.value)} aria-label={`Client for the accounts of ${label}`} />
        </label>
        <button type="button" className="icon-button" onClick={onRemove} aria-label={`Close ${label}`} title="Close this portal">
          <Icon name="close" size={14} />
        </button>
      </header>
      {phase === 'signing-in' && start && <SsoCode start={start} hint="Not opened? Copy the address into a browser. The token is shared with the AWS CLI (aws sso login)." />}
      {phase === 'failed' && portal.error && (
        <ErrorBanner error={portal.error} onRetry={onRetry} />
      )}
    </section>
  );
}
