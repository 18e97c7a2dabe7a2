import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Icon } from './Icon';

interface Props {
  children: ReactNode;
  /** Names the part that failed, e.g. "The detail pane". */
  area?: string;
  /** Small areas offer "Try again"; the whole app offers a reload. */
  compact?: boolean;
}

interface State {
  error: Error | null;
}

/** A rendering bug shows a readable message instead of a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className={`crash${this.props.compact ? ' crash-compact' : ''}`} role="alert">
        <Icon name="alert" size={20} className="icon crash-icon" />
        <h2 className="crash-title">{this.props.area ?? 'AMI Atlas'} ran into a problem</h2>
        <pre className="crash-message">{error.message}</pre>
        <div className="crash-actions">
          {this.props.compact && (
            <button type="button" className="button" onClick={() => this.setState({ error: null })}>
              Try again
            </button>
          )}
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
