/**
 * Public & community, Marketplace and Amazon images: catalogues far too big to scan, so they
 * are searched one page at a time. Public search needs a name or an owner to narrow it (AWS
 * lists tens of thousands of public images per region).
 */
import { DescribeImagesCommand, type DescribeImagesCommandInput, type EC2Client, type Filter } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import type { PublicSearchResult } from '../../../shared/contract';
import { toAmiSummary } from '../images/map-image';

export type CatalogueScope = 'public' | 'marketplace' | 'amazon';

export interface CatalogueQuery {
  scope: CatalogueScope;
  name?: string | undefined;
  owner?: string | undefined;
  nextToken?: string | null | undefined;
}

export const CATALOGUE_PAGE_SIZE = 200;

const ACCOUNT_ID = /^\d{12}$/;

export function catalogueInput(query: CatalogueQuery): DescribeImagesCommandInput {
  const name = query.name?.trim() || undefined;
  const owner = query.owner?.trim() || undefined;
  const filters: Filter[] = name ? [{ Name: 'name', Values: [name] }] : [];
  const paging = { MaxResults: CATALOGUE_PAGE_SIZE, ...(query.nextToken ? { NextToken: query.nextToken } : {}) };
  switch (query.scope) {
    case 'public':
      if (!name && !owner) {
        throw new AppError({
          code: 'VALIDATION',
          message: 'Public images need a name pattern or an owner to search by: AWS lists far too many to browse.',
          retryable: false,
          details: { issues: ['name', 'owner'] },
        });
      }
      return {
        ExecutableUsers: ['all'],
        ...(owner ? { Owners: [owner] } : {}),
        Filters: [...filters, { Name: 'is-public', Values: ['true'] }],
        ...paging,
      };
    case 'marketplace':
    case 'amazon': {
      const alias = query.scope === 'amazon' ? 'amazon' : 'aws-marketplace';
      // An owner narrows a catalogue to one publisher's account id.
      const ownerFilter: Filter[] = owner ? [{ Name: ACCOUNT_ID.test(owner) ? 'owner-id' : 'owner-alias', Values: [owner] }] : [];
      return { Owners: [alias], ...(filters.length + ownerFilter.length > 0 ? { Filters: [...filters, ...ownerFilter] } : {}), ...paging };
    }
  }
}

export async function searchCatalogue(ec2: EC2Client, query: CatalogueQuery, where: { account: string; region: string }): Promise<PublicSearchResult> {
  const out = await ec2.send(new DescribeImagesCommand(catalogueInput(query)));
  return { images: (out.Images ?? []).map((i) => toAmiSummary(i, where)), nextToken: out.NextToken || null };
}
