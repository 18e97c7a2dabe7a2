import { useState } from 'react';
import type { AccountSummary } from '../../../shared/model';
import { CopyableId } from '../../components/CopyableId';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { useNow } from '../../components/useNow';
import { FIX_LABEL, accountName } from '../../lib/accounts';
import { relativeTime } from '../../lib/time';
import { findAccount } from '../../lib/workspace';
import { useAtlas, type SsoSession } from '../../store';

/**
 * Over the list of the active account: why it cannot be used right now, and the ONE action that
 * repairs it. While an SSO sign-in runs, the sign-in sheet takes its place. Neither blocks
 * anything: the user can switch to another account at any time and come back.
 */
export function HealthBanner() {
  const account = useAtlas((s) => findAccount(s.workspace, s.accountId));
  const sso = useAtlas((s) => (s.accountId ? s.sso[s.accountId] : undefined));
  if (!account) return null;
  if (sso) return <SsoSignInSheet account={account} session={sso} />;
  if (account.health !== 'needs-sign-in') return null;
  return <SignInNeeded account={account} />;
}

function SignInNeeded({ account }: { account: AccountSummary }) {
  const workspace = useAtlas((s) => s.workspace);
  const loadImages = useAtlas((s) => s.loadImages);
  const loading = useAtlas((s) => s.imagesLoading);
  const selectAccount = useAtlas((s) => s.selectAccount);
  const openDialog = useAtlas((s) => s.openDialog);
  const startSsoSignIn = useAtlas((s) => s.startSsoSignIn);
  const [explain, setExplain] = useState(false);
  const fix = account.fix ?? 'retry';
  const sourceName = accountName(workspace, account.sourceAccount);

  const label = fix === 'fix-source' && sourceName ? `Go to ${sourceName}` : FIX_LABEL[fix];
  function act() {
    switch (fix) {
      case 'sso-sign-in':
        return void startSsoSignIn(account.id);
      case 'update-keys':
        return openDialog({ kind: 'update-keys', account: account.id });
      case 'fix-source':
        if (account.sourceAccount) selectAccount(account.sourceAccount);
        return;
      case 'edit-profile':
        return setExplain((v) => !v);
      case 'enter-mfa': // the retried call asks main for credentials, which raises the MFA prompt
      case 'retry':
        return void loadImages();
    }
  }

  return (
    <div className="health-banner" role="status" data-testid="health-banner" data-fix={fix}>
      <Icon name="alert" className="icon health-banner-icon" />
      <div className="health-banner-text">
        <p className="health-banner-title">{account.name} needs sign-in</p>
        {account.healthMessage && <p className="health-banner-message">{account.healthMessage}</p>}
        {fix === 'edit-profile' && explain && (
          <div className="health-banner-explain" data-testid="profile-fix-help">
            <p>
              Fix the profile <code>{account.profileName ?? account.name}</code> in your AWS CLI files:{' '}
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
      <button
        type="button"
        className="button button-primary"
        onClick={act}
        disabled={(fix === 'retry' || fix === 'enter-mfa') && loading}
        aria-expanded={fix === 'edit-profile' ? explain : undefined}
        data-testid="health-fix"
      >
        {label}
      </button>
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
  const url = start?.verificationUriComplete ?? start?.verificationUri ?? null;

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
      {start && waiting && (
        <div className="sso-sheet-body">
          <div className="sso-code-block">
            <span className="sso-label">Code</span>
            <span className="sso-code mono" data-testid="sso-user-code">
              {start.userCode}
            </span>
            <span className="sso-hint">Check that the browser page shows the same code.</span>
          </div>
          <div className="sso-url-block">
            <span className="sso-label">Your browser was opened at</span>
            {url && <CopyableId value={url} className="sso-url" />}
            <span className="sso-hint">
              Not opened? Copy the address into a browser. The code expires {relativeTime(start.expiresAt, now)}.
            </span>
          </div>
        </div>
      )}
      {(session.message || session.error) && <p className="sso-message">{session.error?.message ?? session.message}</p>}
      <div className="sso-sheet-actions">
        {waiting && (
          <button type="button" className="button" onClick={() => void cancel(account.id)}>
            Cancel
          </button>
        )}
        {failed && (
          <>
            <button type="button" className="button" onClick={() => dismiss(account.id)}>
              Close
            </button>
            <button type="button" className="button button-primary" onClick={() => void retry(account.id)}>
              Try again
            </button>
          </>
        )}
      </div>
    </section>
  );
}
