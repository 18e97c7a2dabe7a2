import { Icon } from './Icon';
import { useCopied } from './useCopied';

interface CopyableIdProps {
  value: string;
  /** Shown instead of the raw value, e.g. a formatted account id. The raw value is what gets copied. */
  display?: string;
  testId?: string;
  /** Rows of the grid keep a single tab stop; there the button is reachable by mouse only. */
  tabbable?: boolean;
  className?: string;
}

/** A monospace identifier with a one-click copy button. */
export function CopyableId({ value, display, testId, tabbable = true, className }: CopyableIdProps) {
  const { copied, copy } = useCopied();

  return (
    <span className={`copyable${copied ? ' is-copied' : ''}${className ? ` ${className}` : ''}`}>
      <span className="mono copyable-text" data-testid={testId} title={value}>
        {display ?? value}
      </span>
      <button
        type="button"
        className="icon-button copyable-button"
        aria-label={`Copy ${value}`}
        title={copied ? 'Copied' : 'Copy'}
        tabIndex={tabbable ? 0 : -1}
        // The click also reaches the row underneath: copying an ID from the list selects that row too.
        onClick={() => void copy(value)}
      >
        <Icon name={copied ? 'check' : 'copy'} size={13} />
      </button>
      {copied && (
        <span role="status" className="sr-only">
          Copied {value}
        </span>
      )}
    </span>
  );
}
