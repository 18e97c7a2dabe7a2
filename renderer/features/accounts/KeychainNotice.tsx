import { useRef } from 'react';
import { useAtlas } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { useBusy } from '../../lib/useBusy';

/** True when a secret typed now would have nowhere to go until the user decides. */
export function useKeychainBlocked(): boolean {
  return useAtlas((s) => !!s.workspace && !s.workspace.keychain.available && !s.workspace.keychain.sessionOnly);
}

/**
 * Shown where a secret is about to be typed while the OS keychain is unavailable. Nothing falls
 * back silently: the user reads why, and chooses to keep secrets in memory until quit.
 * `reason` overrides the workspace's (e.g. from a KEYCHAIN_UNAVAILABLE answer).
 */
export function KeychainNotice({ reason, force }: { reason?: string | null; force?: boolean }) {
  const keychain = useAtlas((s) => s.workspace?.keychain);
  const keepSecretsForSession = useAtlas((s) => s.keepSecretsForSession);
  const blocked = useKeychainBlocked();
  const { busy, error, run } = useBusy();
  const ref = useRef<HTMLDivElement>(null);
  if (!(blocked || force) || keychain?.sessionOnly) return null;

  async function choose() {
    // The notice disappears on success; focus moves on to the secret it was guarding.
    const secret = ref.current?.closest('form')?.querySelector<HTMLInputElement>('input[type="password"]');
    await run(async () => {
      await keepSecretsForSession();
      requestAnimationFrame(() => secret?.focus());
    });
  }

  return (
    <div className="callout notice notice-warning" role="alert" data-testid="keychain-unavailable" ref={ref}>
      <Icon name="lock" className="icon notice-icon" />
      <div className="notice-text">
        <p className="notice-title">The system keychain is not available</p>
        <p>{reason ?? keychain?.reason ?? 'The keychain did not answer.'}</p>
        <p className="muted">
          AMI Atlas never writes secrets to disk. You can keep them in memory for this session only; after quitting
          you will enter them again.
        </p>
        <div className="notice-actions">
          <button type="button" className="button" onClick={() => void choose()} disabled={busy}>
            {busy && <Spinner label="Switching to session-only secrets" />}
            Keep secrets for this session only
          </button>
        </div>
        {error && <ErrorBanner error={error} />}
      </div>
    </div>
  );
}

/** The persistent reminder while secrets live only in memory. */
export function SessionOnlyIndicator() {
  const sessionOnly = useAtlas((s) => s.workspace?.keychain.sessionOnly ?? false);
  const reason = useAtlas((s) => s.workspace?.keychain.reason);
  if (!sessionOnly) return null;
  return (
    <span
      className="badge badge-warning session-only"
      data-testid="session-only-indicator"
      title={`Secrets are kept in memory until AMI Atlas quits${reason ? ` (keychain: ${reason})` : ''}`}
    >
      <Icon name="clock" size={12} /> Session-only secrets
    </span>
  );
}
