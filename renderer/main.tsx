import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StartupGate } from './features/startup/StartupGate';
import './styles/theme.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/detail.css';
import './styles/accounts.css';
import './styles/inventory.css';
import './styles/sharing.css';
import './styles/sharing-editor.css';
import './styles/copy.css';
import './styles/jobs.css';
import './styles/lifecycle.css';
import './styles/builder.css';
import './styles/startup.css';

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
