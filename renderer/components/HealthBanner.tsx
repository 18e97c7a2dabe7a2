import { useState } from 'react';
import { pathName } from '../../shared/access-paths';
import type { AccessPathSummary, AccountSummary } from '../../shared/model';
import { SsoCode } from './SsoCode';
import { Icon } from './Icon';
import { Spinner } from './Spinner';
import { useNow } from './useNow';
import { FIX_LABEL, findPath, fixPathOf } from '../lib/accounts';
import { relativeTime } from '../lib/time';
import { findAccount } from '../lib/workspace';
import { useAtlas, type SsoSession } from '../store';

/**
 * Over the list of the active account: why it cannot be used right now, and the ONE action that
 * repairs it; or, while it works through another path, which path reads instead and the fix
 * for the one that fails. While an SSO sign-in runs, the sign-in sheet takes its place. None of
 * it blocks anything: the user can switch to another account at any time and come back.
 */
export function HealthBanner() {
  const account = useAtlas((s) => findAccount(s.workspace, s.accountId));
  const sso = useAtlas((s) => {
    const current = findAccount(s.workspace, s.accountId);
    const path = current?.paths.find((p) => s.sso[p.id]);
    return path ? s.sso[path.id] : undefined;
  });
  if (!account) return null;
  if (sso) return <SsoSignInSheet account={account} session={sso} />;
  if (account.health === 'needs-sign-in') return <SignInNeeded account={account} path={fixPathOf(account)} />;
  const failing = account.paths.find((p) => p.health === 'needs-sign-in');
  if (account.notice || failing) return <SignInNeeded account={account} path={failing ?? null} notice={account.notice} />;
  return null;
}

function SignInNeeded({ account, path, notice }: { account: AccountSummary; path: AccessPathSummary | null; notice?: string | null }) {
  const workspace = useAtlas((s) => s.workspace);
  const loadImages = useAtlas((s) => s.loadImages);
  const loading = useAtlas((s) => s.imagesLoading);
  const selectAccount = useAtlas((s) => s.selectAccount);
  const openDialog = useAtlas((s) => s.openDialog);
  const startSsoSignIn = useAtlas((s) => s.startSsoSignIn);
  const [explain, setExplain] = useState(false);
  const fix = path?.fix ?? account.fix ?? 'retry';
  const source = findPath(workspace, path?.sourcePath);
  // Working through another path: say so quietly, and offer the fix of the one that fails.
  const degraded = notice !== undefined;

  const label = fix === 'fix-source' && source ? `Go to ${source.account.name}` : FIX_LABEL[fix];
  function act() {
    switch (fix) {
      case 'sso-sign-in':
        return path ? void startSsoSignIn(path.id) : undefined;
      case 'update-keys':
        return path ? openDialog({ kind: 'update-keys', path: path.id }) : undefined;
      case 'fix-source':
        if (source) selectAccount(source.account.id);
        return;
      case 'edit-profile':
        return setExplain((v) => !v);
      case 'enter-mfa': // the retried call asks main for credentials, which raises the MFA prompt
      case 'retry':
        return void loadImages();
    }
  }

  const pathText = path ? pathName(path) : null;
  return (
    <div className={`callout health-banner${degraded ? ' is-notice' : ''}`} role="status" data-testid="health-banner" data-fix={fix} data-degraded={degraded ? '' : undefined}>
      <Icon name={degraded ? 'info' : 'alert'} className="icon health-banner-icon" />
      <div className="health-banner-text">
        <p className="health-banner-title">
          {degraded ? (notice ?? `${pathText ?? 'A path'} needs sign-in; ${account.name} is read through another path.`) : `${account.name} needs sign-in`}
        </p>
        {path?.healthMessage && (path.health === 'needs-sign-in' || !degraded) && <p className="health-banner-message">{path.healthMessage}</p>}
        {!path && account.healthMessage && <p className="health-banner-message">{account.healthMessage}</p>}
        {fix === 'edit-profile' && explain && (
          <div className="health-banner-explain" data-testid="profile-fix-help">
            <p>
              Fix the profile <code>{path?.profileName ?? account.name}</code> in your AWS CLI files:{' '}
              <code>~/.aws/config</code>
              {' '}(roles, SSO, regions) or <code>~/.aws/credentials</code> (keys). Paths set by <code>AWS_CONFIG_FILE</code> or{' '}
              <code>AWS_SHARED_CREDENTIALS_FILE</code> win over these. AMI Atlas reads the files again on the next try.
            </p>
            <button type="button" className="button button-small" onClick={() => void loadImages()} disabled={loading}>
              <Icon name="refresh" size={13} /> Try again
            </button>
          </div>
        )}
      </div>
      {path && path.health === 'needs-sign-in' && (
        <button
          type="button"
          className={`button${degraded ? '' : ' button-primary'}`}
          onClick={act}
          disabled={(fix === 'retry' || fix === 'enter-mfa') && loading}
          aria-expanded={fix === 'edit-profile' ? explain : undefined}
          title={pathText ? `Fix ${pathText}` : undefined}
          data-testid="health-fix"
        >
          {label}
        </button>
      )}
      {!path && !degraded && (
        <button type="button" className="button button-primary" onClick={() => openDialog({ kind: 'account-settings', account: account.id })} data-testid="health-fix">
          Add an access path
        </button>
      )}
    </div>
  );
}

function SsoSignInSheet({ account, session }: { account: AccountSummary; session: SsoSession }) {
  const cancel = useAtlas((s) => s.cancelSsoSignIn);
  const retry = useAtlas((s) => s.startSsoSignIn);
  const dismiss = useAtlas((s) => s.dismissSso);
  const now = useNow();
  const { start, phase } = session;
  const waiting = phase === 'starting' || phase === 'pending';
  const failed = phase === 'denied' || phase === 'expired' || phase === 'failed';

  return (
    <section className={`sso-sheet sso-${phase}`} aria-label={`AWS SSO sign-in for ${account.name}`} data-testid="sso-sign-in" data-phase={phase}>
      <header className="sso-sheet-head">
        <h3>Sign in to {account.name}</h3>
        <span className="sso-state" aria-live="polite">
          {waiting && <Spinner label="Waiting for sign-in" />}
          {phase === 'starting' && 'Starting sign-in…'}
          {phase === 'pending' && 'Waiting for you to approve in the browser…'}
          {phase === 'signed-in' && (
            <>
              <Icon name="check" size={14} /> Signed in
            </>
          )}
          {phase === 'denied' && 'Sign-in was denied in the browser.'}
          {phase === 'expired' && 'The code expired before it was approved.'}
          {phase === 'failed' && 'Sign-in failed.'}
        </span>
      </header>
      {start && waiting && <SsoCode start={start} hint={<>Not opened? Copy the address into a browser. The code expires {relativeTime(start.expiresAt, now)}.</>} />}
      {(session.message || session.error) && <p className="sso-message">{session.error?.message ?? session.message}</p>}
      <div className="sso-sheet-actions">
        {waiting && (
          <button type="button" className="button" onClick={() => void cancel(session.path)}>
            Cancel
          </button>
        )}
        {failed && (
          <>
            <button type="button" className="button" onClick={() => dismiss(session.path)}>
              Close
            </button>
            <button type="button" className="button button-primary" onClick={() => void retry(session.path)}>
              Try again
            </button>
          </>
        )}
      </div>
    </section>
  );
}
