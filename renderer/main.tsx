import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StartupGate } from './features/startup/StartupGate';
// Styles: the shared ones (styles/), then each component's, shell part's and feature's beside its
// code. One list, in one order, so which rule wins a tie never depends on what loaded first.
import './styles/theme.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/table.css';
import './features/images/detail/detail.css';
import './features/images/detail/usage.css';
import './styles/forms.css';
import './components/ConfirmProduction.css';
import './features/accounts/accounts.css';
import './components/HealthBanner.css';
import './components/Palette.css';
import './shell/QuickSwitcher.css';
import './shell/ShortcutsDialog.css';
import './features/inventory/inventory.css';
import './features/sharing/sharing.css';
import './features/sharing/sharing-editor.css';
import './features/copy/copy.css';
import './features/jobs/jobs.css';
import './components/Toast.css';
import './features/lifecycle/lifecycle.css';
import './features/builder/builder.css';
import './features/cleanup/cleanup.css';
import './features/startup/startup.css';
import './features/discovery/discovery.css';
import './features/discovery/discovery-org.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <StartupGate>
        <App />
      </StartupGate>
    </ErrorBoundary>
  </StrictMode>,
);
