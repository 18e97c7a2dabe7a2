import { useAtlas } from '../../store';
import { Icon } from '../../components/Icon';
import { findAccount } from '../../lib/workspace';

export const REGION_SELECT_ID = 'region-picker';

/** The regions the active account can use, from `regions:list`; the account's default is marked. */
export function RegionPicker() {
  const workspace = useAtlas((s) => s.workspace);
  const accountId = useAtlas((s) => s.accountId);
  const region = useAtlas((s) => s.region);
  const regionsState = useAtlas((s) => (s.accountId ? s.regionsByAccount[s.accountId] : undefined));
  const selectRegion = useAtlas((s) => s.selectRegion);
  const account = findAccount(workspace, accountId);

  const regions = regionsState?.regions ?? [];
  // Until the list arrives (or if it fails), the current region must still be a valid choice.
  const names = regions.map((r) => r.name);
  if (region && !names.includes(region)) names.unshift(region);
  const optIn = new Map(regions.map((r) => [r.name, r.optInStatus]));

  return (
    <div className="region-picker">
      <Icon name="globe" size={14} className="icon region-picker-icon" />
      <select
        id={REGION_SELECT_ID}
        aria-label="Region"
        value={region ?? ''}
        disabled={!account}
        onChange={(e) => selectRegion(e.target.value)}
        title={regionsState?.status === 'error' ? `Could not list regions: ${regionsState.error?.message ?? ''}` : undefined}
      >
        {names.map((name) => {
          const notOptedIn = optIn.get(name) === 'not-opted-in';
          return (
            <option key={name} value={name} disabled={notOptedIn && name !== region}>
              {name}
              {name === account?.defaultRegion ? ' (default)' : ''}
              {notOptedIn ? ' (not opted in)' : ''}
            </option>
          );
        })}
      </select>
    </div>
  );
}
