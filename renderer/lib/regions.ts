import { regionName } from '../../shared/region-names';

/**
 * Commercial AWS regions, offered as suggestions when adding an account (before its own region
 * list can be read). Any region name is accepted; this list only saves typing.
 */
export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-east-1',
  'me-south-1',
  'me-central-1',
  'af-south-1',
  'il-central-1',
];

const WORD_CODES: Record<string, string> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  southeast: 'se',
  northwest: 'nw',
  southwest: 'sw',
  gov: 'g',
};

/** The short form engineers write in resource names: eu-west-1 → euw1, ap-southeast-2 → apse2. */
export function regionCode(region: string): string {
  const parts = region.split('-');
  const prefix = parts[0] ?? '';
  const number = parts[parts.length - 1] ?? '';
  const words = parts.slice(1, -1).map((w) => WORD_CODES[w] ?? w.slice(0, 1));
  return `${prefix}${words.join('')}${number}`;
}

/**
 * Whether a typed word is meant as a region: "eu-west", "eu-west-2", "us-" or a short code
 * such as "euw1". Bare "eu" is not (too many account names contain it).
 */
export function isRegionToken(token: string): boolean {
  const t = token.toLowerCase();
  return /^[a-z]{2}-[a-z-]*\d{0,2}$/.test(t) || /^[a-z]{3,6}\d{1,2}$/.test(t);
}

/** The regions a region-like word can mean, in the order given. */
export function regionsMatching(token: string, regions: readonly string[]): string[] {
  const t = token.toLowerCase();
  if (!isRegionToken(t)) return [];
  if (t.includes('-')) return regions.filter((r) => r.startsWith(t));
  return regions.filter((r) => regionCode(r) === t);
}

/** Where an account opens when nothing else was chosen: its first favourite, else its default region. */
export function preferredRegion(account: { favoriteRegions: readonly string[]; defaultRegion: string }): string {
  return account.favoriteRegions[0] ?? account.defaultRegion;
}

export interface RegionChoice {
  name: string;
  enabled: boolean;
  favorite: boolean;
}

export interface RegionGroups {
  favorites: RegionChoice[];
  others: RegionChoice[];
  /** Opt-in regions this account has not enabled: shown, but not selectable. */
  notEnabled: RegionChoice[];
}

/**
 * Orders regions for the favourite-regions settings: favourites first (in the order they were
 * starred), then the other enabled regions A→Z, then those not enabled. Until the account's list
 * is known only the favourites and the given extra regions (the default) are offered.
 */
export function groupRegions(
  regions: ReadonlyArray<{ name: string; enabled: boolean }>,
  favorites: readonly string[],
  extra: ReadonlyArray<string | null | undefined>,
): RegionGroups {
  const groups = regionGroups(regions, favorites, extra);
  return { favorites: groups.favorites, others: [...groups.standard, ...groups.optIn].sort(byName), notEnabled: groups.notEnabled };
}

/** Stars or unstars a region, keeping the order of the others (the first favourite is the default). */
export function toggleFavorite(favorites: readonly string[], region: string): string[] {
  return favorites.includes(region) ? favorites.filter((r) => r !== region) : [...favorites, region];
}

/**
 * Regions launched after 20 March 2019 are opt-in: disabled in an account until someone enables
 * them (AWS Account Management, "Enable or disable Regions"). Used when the account's own
 * DescribeRegions answer (its OptInStatus) cannot be read.
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
]);

/** AWS's own names for its regions: one table for the app, the core's messages included. */
export { regionName };

/** "Europe (Ireland) · eu-west-1"; the code alone for a region without a known name. */
export function regionLabel(region: string): string {
  const name = regionName(region);
  return name ? `${name} · ${region}` : region;
}

/** A region as DescribeRegions (AllRegions=true) says it: its OptInStatus when it was read. */
export interface RegionStatus {
  name: string;
  enabled: boolean;
  optInStatus?: string;
}

/** Whether a region is one of the opt-in ones: by the account's answer, else by the static list. */
export function isOptInRegion(region: RegionStatus): boolean {
  if (region.optInStatus) return region.optInStatus !== 'opt-in-not-required';
  return OPT_IN_REGIONS.has(region.name);
}

export interface PickerRegionGroups {
  favorites: RegionChoice[];
  /** Enabled in every account (opt-in not required), A→Z by code. */
  standard: RegionChoice[];
  /** Opt-in regions this account has enabled. */
  optIn: RegionChoice[];
  /** Opt-in regions this account has not enabled: listed, marked, not selectable. */
  notEnabled: RegionChoice[];
  /** False when the account's list could not be read: the static list stands in, nothing marked. */
  fromAccount: boolean;
}

/**
 * The region picker's groups: favourites, the regions every account has, the opt-in regions it
 * enabled, and the opt-in regions it did not. Without the account's answer (offline, no rights,
 * still loading) the known regions stand in, none of them marked as not enabled.
 */
export function pickerRegionGroups(
  regions: readonly RegionStatus[],
  favorites: readonly string[],
  extra: ReadonlyArray<string | null | undefined>,
): PickerRegionGroups {
  const fromAccount = regions.length > 0;
  const listed = fromAccount ? regions : KNOWN_REGIONS.map((name) => ({ name, enabled: true }));
  return { ...regionGroups(listed, favorites, extra), fromAccount };
}

const byName = (a: RegionChoice, b: RegionChoice) => a.name.localeCompare(b.name);

/** Both groupings: favourites in their starred order (enabled ones), the rest A→Z split by kind. */
function regionGroups(
  regions: readonly RegionStatus[],
  favorites: readonly string[],
  extra: ReadonlyArray<string | null | undefined>,
): Omit<PickerRegionGroups, 'fromAccount'> {
  const byRegion = new Map(regions.map((r) => [r.name, r]));
  for (const name of [...favorites, ...extra]) if (name && !byRegion.has(name)) byRegion.set(name, { name, enabled: true });
  const favoriteSet = new Set(favorites);
  const choice = (r: RegionStatus): RegionChoice => ({ name: r.name, enabled: r.enabled, favorite: favoriteSet.has(r.name) });
  const favs = favorites
    .filter((f, i) => favorites.indexOf(f) === i)
    .map((f) => byRegion.get(f)!)
    .filter((r) => r.enabled)
    .map(choice);
  const rest = [...byRegion.values()].filter((r) => !(favoriteSet.has(r.name) && r.enabled)).sort((a, b) => a.name.localeCompare(b.name));
  return {
    favorites: favs,
    standard: rest.filter((r) => r.enabled && !isOptInRegion(r)).map(choice),
    optIn: rest.filter((r) => r.enabled && isOptInRegion(r)).map(choice),
    notEnabled: rest.filter((r) => !r.enabled).map(choice),
  };
}

/**
 * The first of `regions` a typed word means, for type-to-select in the picker: the start of its
 * code ("eu-w", "ap-southeast"), its short code ("euw1"), or the start of its name or of a word
 * in it ("Ireland", "europe (l"). Null when none.
 */
export function findRegion(typed: string, regions: readonly string[]): string | null {
  const t = typed.trim().toLowerCase();
  if (!t) return null;
  const tests: Array<(r: string) => boolean> = [
    (r) => r.startsWith(t),
    (r) => regionCode(r) === t,
    (r) => (regionName(r) ?? '').toLowerCase().startsWith(t),
    (r) => (regionName(r) ?? '').toLowerCase().split(/[\s(]+/).some((w) => w.startsWith(t)),
  ];
  for (const test of tests) {
    const found = regions.find(test);
    if (found) return found;
  }
  return null;
}
