import { useEffect } from 'react';
import { useAtlas } from '../../store';
import { StatusButton } from '../../components/StatusButton';

/**
 * "IAM Identity Center: 3 new · 2 gone" in the status bar when a look at the portals accounts
 * were added from found something; opens the dialog that lists it. Hidden otherwise.
 */
export function PortalChangesIndicator() {
  const portals = useAtlas((s) => s.ssoPortals);
  const demo = useAtlas((s) => s.workspace?.demo);
  const openDialog = useAtlas((s) => s.openDialog);
  // Each workspace has its own portals: read them when it opens.
  useEffect(() => {
    if (demo !== undefined) void useAtlas.getState().loadSsoPortals();
  }, [demo]);
  const offered = portals.reduce((n, p) => n + p.offered.length, 0);
  const removed = portals.reduce((n, p) => n + p.removed.length, 0);
  if (offered === 0 && removed === 0) return null;
  const text = [offered > 0 ? `${offered} new` : null, removed > 0 ? `${removed} gone` : null].filter(Boolean).join(' · ');
  return (
    <StatusButton
      data-testid="portal-changes-indicator"
      title="Accounts and roles new in your IAM Identity Center portals, and ways in they no longer give"
      onClick={() => openDialog({ kind: 'discover-sso' })}
    >
      IAM Identity Center: {text}
    </StatusButton>
  );
}
