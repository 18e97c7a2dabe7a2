import type { SsoPortalChanges } from '../../../shared/contract';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { Spinner } from '../../components/Spinner';
import { formatAccountId, plural } from '../../lib/format';
import { useAtlas } from '../../store';
import { portalLabel } from './portals';

/**
 * What the last look at each portal found: accounts and roles new since the user added from it
 * (reviewed in the table, or dismissed for good), and ways in the portal no longer gives
 * (removed from the account's settings, or kept). Nothing here changes the workspace by itself.
 */
export function PortalChanges({
  portals,
  looking,
  onReview,
  onLook,
  onDismissOffers,
  onKeep,
}: {
  portals: readonly SsoPortalChanges[];
  looking: boolean;
  onReview(portal: SsoPortalChanges): void;
  onLook(): void;
  onDismissOffers(portal: SsoPortalChanges): void;
  onKeep(portal: SsoPortalChanges, removed: SsoPortalChanges['removed'][number]): void;
}) {
  const openDialog = useAtlas((s) => s.openDialog);
  if (portals.length === 0) return null;
  return (
    <section className="portal-changes" aria-label="Changes in the portals you added from" data-testid="portal-changes">
      <header className="portal-changes-head">
        <h3 className="caps-label">Portals you added from</h3>
        <button type="button" className="button button-small" onClick={onLook} disabled={looking} data-testid="portal-look-again">
          {looking ? <Spinner label="Looking" /> : <Icon name="refresh" size={14} />} Look for changes
        </button>
      </header>
      <ul className="portal-change-list">
        {portals.map((portal) => {
          const accounts = portal.offered.length;
          const roles = portal.offered.reduce((n, a) => n + a.roles.length, 0);
          return (
            <li key={portal.startUrl} className="portal-change" data-testid="portal-change" data-start-url={portal.startUrl}>
              <div className="portal-change-line">
                <strong title={portal.startUrl}>{portalLabel(portal.startUrl)}</strong>
                <span className="portal-muted">
                  {portal.checkedAt ? (
                    <>
                      looked <RelativeTime value={portal.checkedAt} />
                    </>
                  ) : (
                    'not looked at yet'
                  )}
                  {portal.state === 'sign-in' && ' · sign in to look again'}
                  {portal.state === 'failed' && ` · ${portal.error?.message ?? 'the last look failed'}`}
                </span>
                {accounts > 0 ? (
                  <span className="portal-change-offer" data-testid="portal-offered">
                    {plural(accounts, 'account')} with new roles ({plural(roles, 'role')})
                    <button type="button" className="button button-small" onClick={() => onReview(portal)}>
                      Review
                    </button>
                    <button type="button" className="button button-small" onClick={() => onDismissOffers(portal)} title="Do not offer these again">
                      Dismiss
                    </button>
                  </span>
                ) : (
                  <span className="portal-muted">nothing new</span>
                )}
              </div>
              {portal.removed.length > 0 && (
                <ul className="portal-removed" aria-label={`No longer in ${portalLabel(portal.startUrl)}`}>
                  {portal.removed.map((r) => (
                    <li key={r.path} data-testid="portal-removed" data-account-id={r.awsAccountId}>
                      <Icon name="alert" size={14} className="icon portal-warn" />
                      <span>
                        <strong>{r.accountName}</strong> <span className="mono-soft">{formatAccountId(r.awsAccountId)}</span> · {r.role}: no longer in the portal (profile{' '}
                        <span className="mono">{r.profileName}</span>)
                      </span>
                      <button type="button" className="button button-small" onClick={() => openDialog({ kind: 'account-settings', account: r.account })}>
                        Open its settings
                      </button>
                      <button type="button" className="button button-small" onClick={() => onKeep(portal, r)} title="Stop flagging it">
                        Keep
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
