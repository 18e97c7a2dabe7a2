import { useAtlas } from '../store';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { Spinner } from '../components/Spinner';
import { AddAccountForm } from '../features/accounts/AddAccountForm';
import { AppMark } from '../components/AppMark';

/** First run: no accounts yet. Offer the demo world in one click, the AWS CLI profiles, or an access key. */
export function Welcome() {
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);
  const openDialog = useAtlas((s) => s.openDialog);
  const switchWorkspace = useAtlas((s) => s.switchWorkspace);
  const opening = useAtlas((s) => s.workspaceSwitching);
  const error = useAtlas((s) => s.workspaceError);
  const openDemo = () => void switchWorkspace('demo');

  return (
    <main className="welcome">
      <div className="welcome-inner">
        <header className="welcome-header">
          <AppMark size={40} />
          <h1>AMI Atlas</h1>
          <p className="welcome-lede">
            See every Amazon Machine Image across your clients’ AWS accounts and regions, in one place.
          </p>
        </header>
        <div className="welcome-grid">
          <div className="welcome-stack">
            <section className="welcome-card welcome-demo" aria-labelledby="welcome-demo-title">
              <h2 id="welcome-demo-title">Look around first</h2>
              <p>
                A demo workspace with three clients, six accounts and a few hundred images, served by a built-in AWS
                emulator. Nothing touches your AWS accounts.
              </p>
              <button type="button" className="button button-primary button-large" onClick={openDemo} disabled={opening}>
                {opening && <Spinner label="Opening demo" />}
                Open demo workspace
              </button>
              {error && <ErrorBanner error={error} onRetry={openDemo} />}
            </section>
            <section className="welcome-card welcome-cli" aria-labelledby="welcome-cli-title">
              <h2 id="welcome-cli-title">Use your AWS CLI profiles</h2>
              <p>
                Already set up with <code>aws configure</code> or <code>aws configure sso</code>? Pick profiles from{' '}
                <code>~/.aws/config</code> — access keys, roles, SSO and MFA all work.
              </p>
              <button type="button" className="button button-large" onClick={() => openDialog({ kind: 'add-account', tab: 'profiles' })}>
                <Icon name="user" size={14} /> Import AWS CLI profiles…
              </button>
              <p className="welcome-sso">
                Many accounts behind one sign-in?{' '}
                <button type="button" className="link-button" onClick={() => openDialog({ kind: 'discover-sso' })} data-testid="welcome-sso">
                  Add accounts from IAM Identity Center…
                </button>
              </p>
            </section>
          </div>
          <section className="welcome-card" aria-labelledby="welcome-add-title">
            <h2 id="welcome-add-title">Add an account</h2>
            <p>Connect an AWS account with an access key. Read-only permissions are enough to browse.</p>
            <AddAccountForm onAdded={(result) => applyWorkspace(result.workspace, result.account)} />
          </section>
        </div>
      </div>
    </main>
  );
}
