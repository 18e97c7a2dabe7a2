/** The discovery slice: what the last look at each IAM Identity Center portal found. */
import type { SsoPortalChanges } from '../../../shared/contract';

export interface DiscoverySlice {
  /** The portals accounts were added from (of the open workspace), with their offers and removals. */
  ssoPortals: SsoPortalChanges[];
  setSsoPortals(portals: SsoPortalChanges[]): void;
  /** Reads them from main (at start, after a workspace switch). A failure leaves the last known. */
  loadSsoPortals(): Promise<void>;
}
