import type { ReactNode } from 'react';
import type { AppError } from '../../shared/errors';
import { ErrorBanner } from './ErrorBanner';
import { Icon, type IconName } from './Icon';
import { ProgressBar } from './Spinner';

interface ModeViewProps {
  /** The section's own class, after `images`. */
  className: string;
  label: string;
  testId: string;
  icon: IconName;
  /** The heading: its text first, then anything beside it. */
  title: ReactNode;
  titleClassName: string;
  toolbarClassName?: string;
  /** Toolbar items between the title and the right-hand end. */
  tools?: ReactNode;
  /** Right-hand end of the toolbar (refresh, create…). */
  end: ReactNode;
  /** While loading: what is being read (a progress bar under the toolbar). */
  loading: string | null;
  /** A failure while something is already shown: a banner above it, with retry. */
  error: AppError | null;
  onRetry: () => void;
  /** Between the toolbar and the panel (a note about what is shown). */
  note?: ReactNode;
  panelClassName?: string;
  children: ReactNode;
  status: ReactNode;
  statusTestId?: string;
}

/**
 * A whole-window view reached from the sidebar (audit log, share matrix, Image Builder): toolbar
 * with its title, progress and a retry banner, the panel, and a status line — one layout for all.
 */
export function ModeView(props: ModeViewProps) {
  return (
    <section className={`images ${props.className}`} aria-label={props.label} data-testid={props.testId}>
      <div className={`images-toolbar${props.toolbarClassName ? ` ${props.toolbarClassName}` : ''}`}>
        <h2 className={props.titleClassName}>
          <Icon name={props.icon} size={14} /> {props.title}
        </h2>
        {props.tools}
        <div className="toolbar-end">{props.end}</div>
        {props.loading && <ProgressBar label={props.loading} />}
      </div>
      {props.note}
      {props.error && (
        <div className="images-banner">
          <ErrorBanner error={props.error} onRetry={props.onRetry} />
        </div>
      )}
      <div className={`images-panel${props.panelClassName ? ` ${props.panelClassName}` : ''}`}>{props.children}</div>
      <footer className="status-bar" aria-live="polite" {...(props.statusTestId ? { 'data-testid': props.statusTestId } : {})}>
        {props.status}
      </footer>
    </section>
  );
}

/** The dot between parts of a status line. */
export function StatusSep() {
  return (
    <span className="status-sep" aria-hidden="true">
      ·
    </span>
  );
}
