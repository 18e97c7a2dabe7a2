import type { ReactNode } from 'react';
import type { SsoSignInStart } from '../../shared/model';
import { CopyableId } from './CopyableId';

/** The device sign-in's code and the page the browser was opened at, to check against each other. */
export function SsoCode({ start, hint }: { start: SsoSignInStart; hint: ReactNode }) {
  const url = start.verificationUriComplete ?? start.verificationUri;
  return (
    <div className="sso-sheet-body">
      <div className="sso-code-block">
        <span className="caps-label sso-label">Code</span>
        <span className="sso-code mono" data-testid="sso-user-code">
          {start.userCode}
        </span>
        <span className="sso-hint">Check that the browser page shows the same code.</span>
      </div>
      <div className="sso-url-block">
        <span className="caps-label sso-label">Your browser was opened at</span>
        <CopyableId value={url} className="sso-url" />
        <span className="sso-hint">{hint}</span>
      </div>
    </div>
  );
}
