import { regionOptions } from '../../lib/copyPlan';
import { regionLabel, regionName } from '../../lib/regions';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { useAtlas } from '../../store';

interface RegionChooserProps {
  account: string;
  sourceRegion: string;
  crossAccount: boolean;
  selected: readonly string[];
  disabled: boolean;
  onToggle(region: string): void;
}

/**
 * Destination regions as a list of check boxes: the account's enabled regions, favourites first,
 * by code and name. The opt-in regions the account has not enabled follow, listed but not
 * selectable (a copy into one fails: AWS refuses every call there until it is enabled).
 */
export function RegionChooser({ account, sourceRegion, crossAccount, selected, disabled, onToggle }: RegionChooserProps) {
  const regions = useAtlas((s) => s.regionsByAccount[account]);
  const entry = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === account));
  const favorites = entry?.favoriteRegions ?? [];
  const options = regionOptions(regions?.regions ?? [], favorites, sourceRegion, crossAccount);
  const notEnabled = (regions?.regions ?? []).filter((r) => !r.enabled).map((r) => r.name);
  const notEnabledReason = `Not enabled for ${entry?.name ?? 'this account'}: enable the opt-in region in the account first`;
  return (
    <fieldset className="copy-regions" data-testid="copy-regions">
      <legend>
        Destination regions <span className="muted">({selected.length} chosen)</span>
        {regions?.status === 'loading' && <Spinner label="Loading regions" />}
      </legend>
      {regions?.status === 'error' && <p className="field-error">Could not read the account’s regions ({regions.error?.message}); showing its favourites.</p>}
      <div className="copy-region-grid">
        {options.map((option) => (
          <label key={option.name} className={`copy-region${option.disabledReason ? ' is-disabled' : ''}`} title={option.disabledReason ?? undefined}>
            <input
              type="checkbox"
              checked={selected.includes(option.name)}
              disabled={disabled || option.disabledReason !== null}
              onChange={() => onToggle(option.name)}
              data-testid="copy-region"
              data-region={option.name}
            />
            <span className="mono">{option.name}</span>
            {regionName(option.name) && <span className="muted copy-region-name" title={regionLabel(option.name)}>{regionName(option.name)}</span>}
            {option.favorite && <Icon name="star" size={11} className="icon copy-region-star" label="Favourite" />}
            {option.name === sourceRegion && <span className="muted copy-region-note">{crossAccount ? 'its region' : 'here now'}</span>}
          </label>
        ))}
        {notEnabled.map((name) => (
          <label key={name} className="copy-region is-disabled is-not-enabled" title={notEnabledReason}>
            <input type="checkbox" checked={false} disabled data-testid="copy-region" data-region={name} data-not-enabled="" />
            <span className="mono">{name}</span>
            <span className="copy-region-name">{regionName(name) ?? ''} · not enabled</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
