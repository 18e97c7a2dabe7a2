import { describePlace, type AppErrorShape } from '../../shared/errors';
import { errorTitle } from '../lib/errors';
import { Icon } from './Icon';

interface ErrorBannerProps {
  error: AppErrorShape;
  onRetry?: () => void;
  /** Offers a close button, for errors of an action the user can simply move on from. */
  onDismiss?: () => void;
  /** Compact banners sit above content that is still shown; full ones replace it. */
  variant?: 'inline' | 'full';
}

/** Says what failed, where (account/region: action) and, when it helps, offers a retry. */
export function ErrorBanner({ error, onRetry, onDismiss, variant = 'inline' }: ErrorBannerProps) {
  const place = describePlace(error.details);
  return (
    <div className={`callout error-banner error-banner-${variant}`} role="alert">
      <Icon name="alert" className="icon error-banner-icon" />
      <div className="error-banner-text">
        <div className="error-banner-title">{errorTitle(error.code)}</div>
        <div className="error-banner-message">{error.message}</div>
        <div className="error-banner-meta">
          <code>{error.code}</code>
          {place && <span className="mono">{place}</span>}
          {error.details?.awsCode && <span className="mono">{error.details.awsCode}</span>}
          {error.retryable && <span>Usually temporary</span>}
        </div>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          <Icon name="refresh" size={14} /> Retry
        </button>
      )}
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
}
