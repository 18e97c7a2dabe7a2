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
 * Orders regions for the picker: favourites first (in the order they were starred), then the
 * other enabled regions A→Z, then those not enabled. Until the account's list is known the
 * picker still offers the current region, the favourites and the default.
 */
export function groupRegions(
  regions: ReadonlyArray<{ name: string; enabled: boolean }>,
  favorites: readonly string[],
  extra: ReadonlyArray<string | null | undefined>,
): RegionGroups {
  const enabled = new Map(regions.map((r) => [r.name, r.enabled]));
  const names = new Set(regions.map((r) => r.name));
  for (const name of [...favorites, ...extra]) if (name) names.add(name);
  const favoriteSet = new Set(favorites);
  const isEnabled = (name: string) => enabled.get(name) ?? true;
  const choice = (name: string): RegionChoice => ({ name, enabled: isEnabled(name), favorite: favoriteSet.has(name) });

  const favs = favorites.filter((f, i) => favorites.indexOf(f) === i && isEnabled(f)).map(choice);
  const rest = [...names].filter((n) => !favoriteSet.has(n) || !isEnabled(n)).sort((a, b) => a.localeCompare(b));
  return {
    favorites: favs,
    others: rest.filter(isEnabled).map(choice),
    notEnabled: rest.filter((n) => !isEnabled(n)).map(choice),
  };
}

/** Stars or unstars a region, keeping the order of the others (the first favourite is the default). */
export function toggleFavorite(favorites: readonly string[], region: string): string[] {
  return favorites.includes(region) ? favorites.filter((r) => r !== region) : [...favorites, region];
}
