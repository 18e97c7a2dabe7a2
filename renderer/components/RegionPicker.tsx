import { useRef, type KeyboardEvent } from 'react';
import { useAtlas } from '../store';
import { Icon } from './Icon';
import { findRegion, pickerRegionGroups, preferredRegion, regionLabel, regionName, type RegionChoice } from '../lib/regions';
import { findAccount } from '../lib/workspace';

export const REGION_SELECT_ID = 'region-picker';

/** Typed letters within this long of each other make one word for type-to-select. */
const TYPEAHEAD_MS = 900;

/**
 * The regions the active account can use, from `regions:list` (DescribeRegions with
 * AllRegions=true), by name and code: starred favourites first, then the regions every account
 * has, the opt-in regions it enabled, and (listed, not selectable) the opt-in regions it did not
 * enable. Without that answer the known regions stand in, none marked. A native select keeps the
 * keyboard and screen readers right; typing on it picks by code, short code or name. The star
 * next to it favourites the current region.
 */
export function RegionPicker() {
  const workspace = useAtlas((s) => s.workspace);
  const accountId = useAtlas((s) => s.accountId);
  const region = useAtlas((s) => s.region);
  const regionsState = useAtlas((s) => (s.accountId ? s.regionsByAccount[s.accountId] : undefined));
  const selectRegion = useAtlas((s) => s.selectRegion);
  const toggleFavoriteRegion = useAtlas((s) => s.toggleFavoriteRegion);
  const account = findAccount(workspace, accountId);
  const typed = useRef({ text: '', at: 0 });

  // Until the list arrives (or if it fails), the current region must still be a valid choice.
  const groups = pickerRegionGroups(regionsState?.regions ?? [], account?.favoriteRegions ?? [], [region, account?.defaultRegion]);
  const opensIn = account ? preferredRegion(account) : null;
  const favorite = !!region && !!account?.favoriteRegions.includes(region);
  const notEnabledFor = `not enabled for ${account?.name ?? 'this account'}`;
  const selectable = [...groups.favorites, ...groups.standard, ...groups.optIn].map((r) => r.name);

  const option = (r: RegionChoice) => (
    <option key={r.name} value={r.name} disabled={!r.enabled && r.name !== region} data-region={r.name}>
      {regionLabel(r.name)}
      {r.name === opensIn ? ' (default)' : ''}
      {r.enabled ? '' : ` — ${notEnabledFor}`}
    </option>
  );

  // Type-to-select by code ("eu-w", "euw1") or name ("Ireland"), which the select's own
  // typeahead (the start of the label) cannot do. An open list keeps the browser's own.
  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
    const now = event.timeStamp;
    const before = now - typed.current.at < TYPEAHEAD_MS ? typed.current.text : '';
    // Space opens the list, unless it is part of a name being typed ("europe (l").
    if (event.key === ' ' && !before) return;
    const text = before + event.key;
    typed.current = { text, at: now };
    const found = findRegion(text, selectable);
    event.preventDefault();
    if (found && found !== region) selectRegion(found);
  };

  return (
    <div className="region-picker">
      <Icon name="globe" size={14} className="icon region-picker-icon" />
      <select
        id={REGION_SELECT_ID}
        aria-label="Region"
        value={region ?? ''}
        disabled={!account}
        onChange={(e) => selectRegion(e.target.value)}
        onKeyDown={onKeyDown}
        title={
          regionsState?.status === 'error'
            ? `Could not list ${account?.name ?? 'the account'}’s regions (${regionsState.error?.message ?? 'no answer'}): the known regions are shown, none marked as not enabled`
            : region
              ? `${regionLabel(region)}. Type a code (eu-west, euw1) or a name to pick another`
              : undefined
        }
      >
        {groups.favorites.length > 0 && <optgroup label="Favourites">{groups.favorites.map((r) => option(r))}</optgroup>}
        <optgroup label={groups.fromAccount ? 'Enabled in every account' : regionsState?.status === 'error' ? 'Known regions (the account’s list could not be read)' : 'Regions'}>{groups.standard.map((r) => option(r))}</optgroup>
        {groups.optIn.length > 0 && <optgroup label="Opt-in regions">{groups.optIn.map((r) => option(r))}</optgroup>}
        {/* Listed, not hidden: "where is ap-east-1?" has an answer. */}
        {groups.notEnabled.length > 0 && <optgroup label={`Opt-in regions ${notEnabledFor}`}>{groups.notEnabled.map((r) => option(r))}</optgroup>}
      </select>
      {/* Drawn over the closed select: the code first, so a narrow bar cuts the name, never the code. */}
      {region && (
        <span className="region-picker-value" aria-hidden="true" data-testid="region-picker-value">
          <span className="mono">{region}</span>
          {regionName(region) && <span className="region-picker-name">{regionName(region)}</span>}
        </span>
      )}
      <button
        type="button"
        className={`icon-button region-star-toggle${favorite ? ' is-favorite' : ''}`}
        aria-pressed={favorite}
        // Not "… region": the select must stay the only control labelled Region.
        aria-label="Favourite"
        title={region ? (favorite ? `Unstar ${region} for ${account?.name}` : `Star ${region} for ${account?.name}: favourites come first`) : undefined}
        disabled={!account || !region}
        onClick={() => account && region && void toggleFavoriteRegion(account.id, region)}
        data-testid="favorite-region-toggle"
      >
        <Icon name="star" size={14} fill={favorite ? 'currentColor' : 'none'} />
      </button>
    </div>
  );
}
