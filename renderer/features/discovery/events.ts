/** The discovery feature's events: a look at the portals made at start. */
import { on } from '../../api';
import { useAtlas } from '../../store';

export function followDiscoveryEvents(): Array<() => void> {
  return [on('discovery:ssoChanges', (portals) => useAtlas.getState().setSsoPortals(portals))];
}
