/**
 * The regions the emulated partition knows. Most are enabled by default; a few are opt-in
 * regions, one of them enabled (opted-in) and the rest not, so AllRegions=true matters and a
 * call into a disabled region fails the way AWS fails it.
 */
import type { RegionRecord } from './model';

export const REGIONS: readonly RegionRecord[] = [
  { name: 'us-east-1', optInStatus: 'opt-in-not-required' },
  { name: 'us-east-2', optInStatus: 'opt-in-not-required' },
  { name: 'us-west-1', optInStatus: 'opt-in-not-required' },
  { name: 'us-west-2', optInStatus: 'opt-in-not-required' },
  { name: 'ca-central-1', optInStatus: 'opt-in-not-required' },
  { name: 'eu-west-1', optInStatus: 'opt-in-not-required' },
  { name: 'eu-west-2', optInStatus: 'opt-in-not-required' },
  { name: 'eu-central-1', optInStatus: 'opt-in-not-required' },
  { name: 'eu-north-1', optInStatus: 'opt-in-not-required' },
  { name: 'ap-south-1', optInStatus: 'opt-in-not-required' },
  { name: 'ap-northeast-1', optInStatus: 'opt-in-not-required' },
  { name: 'ap-southeast-1', optInStatus: 'opt-in-not-required' },
  { name: 'ap-southeast-2', optInStatus: 'opt-in-not-required' },
  { name: 'sa-east-1', optInStatus: 'opt-in-not-required' },
  { name: 'eu-south-1', optInStatus: 'opted-in' },
  { name: 'af-south-1', optInStatus: 'not-opted-in' },
  { name: 'ap-east-1', optInStatus: 'not-opted-in' },
  { name: 'me-central-1', optInStatus: 'not-opted-in' },
];

export function regionEndpoint(region: string): string {
  return `ec2.${region}.amazonaws.com`;
}
