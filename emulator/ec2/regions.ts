/**
 * DescribeRegions: enabled regions by default; with AllRegions=true also the opt-in regions
 * the account has not enabled. Naming a region returns it whatever its status.
 */
import { invalidParameterValue } from '../protocol/errors';
import { el, itemList } from '../protocol/xml';
import type { ServiceCall } from '../service';
import type { RegionRecord } from '../world/model';
import { regionEndpoint } from '../world/regions';
import { compileFilters, type FilterTable } from './filters';
import { ec2Document } from './response';

const REGION_FILTERS: FilterTable<RegionRecord> = {
  fields: {
    endpoint: (r) => regionEndpoint(r.name),
    'region-name': (r) => r.name,
    'opt-in-status': (r) => r.optInStatus,
  },
};

export function describeRegions(call: ServiceCall): string {
  const { world, params } = call;
  const names = params.list('RegionName');
  const allRegions = params.bool('AllRegions') ?? false;
  const filter = compileFilters(params.filters(), REGION_FILTERS);
  for (const name of names) {
    if (!world.region(name)) throw invalidParameterValue(`Invalid region: ${name}`);
  }
  const regions = world.regions.filter(
    (r) =>
      (names.length > 0 ? names.includes(r.name) : allRegions || r.optInStatus !== 'not-opted-in') && filter(r),
  );
  return ec2Document('DescribeRegions', call.requestId, [
    itemList(
      'regionInfo',
      regions.map((r) => [
        el('regionName', r.name),
        el('regionEndpoint', regionEndpoint(r.name)),
        el('optInStatus', r.optInStatus),
      ]),
    ),
  ]);
}
