import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { invoke, toAppError } from '../../api';
import { useAtlas } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { AddAccountForm } from '../accounts/AddAccountForm';
import { AppMark } from '../shell/AppMark';

/** First run: no accounts yet. Offer the demo world in one click, or connecting a real account. */
export function Welcome() {
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function openDemo() {
    setOpening(true);
    setError(null);
    try {
      applyWorkspace(await invoke('demo:open', {}));
    } catch (e) {
      setError(toAppError(e));
      setOpening(false);
    }
  }

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
          <section className="welcome-card" aria-labelledby="welcome-add-title">
            <h2 id="welcome-add-title">Add an account</h2>
            <p>Connect an AWS account with an access key. Read-only permissions are enough to browse.</p>
            <AddAccountForm onAdded={(workspace, accountId) => applyWorkspace(workspace, accountId)} />
          </section>
        </div>
      </div>
    </main>
  );
}
