import { describe, expect, it } from 'vitest';
import { catalogueInput, CATALOGUE_PAGE_SIZE } from '../../electron/core/inventory/search-public';
import { AppError } from '../../shared/errors';

describe('catalogue search input', () => {
  it('public search needs a name or an owner', () => {
    expect(() => catalogueInput({ scope: 'public' })).toThrow(AppError);
    expect(() => catalogueInput({ scope: 'public', name: '  ' })).toThrow(/name pattern or an owner/);
  });

  it('public: launchable by all, is-public, name and owner as given, paged', () => {
    expect(catalogueInput({ scope: 'public', name: 'ubuntu/*', owner: '099720109477', nextToken: 't1' })).toEqual({
      ExecutableUsers: ['all'],
      Owners: ['099720109477'],
      Filters: [
        { Name: 'name', Values: ['ubuntu/*'] },
        { Name: 'is-public', Values: ['true'] },
      ],
      MaxResults: CATALOGUE_PAGE_SIZE,
      NextToken: 't1',
    });
  });

  it('marketplace and amazon are owner aliases; an owner narrows by id or alias', () => {
    expect(catalogueInput({ scope: 'amazon' })).toEqual({ Owners: ['amazon'], MaxResults: CATALOGUE_PAGE_SIZE });
    expect(catalogueInput({ scope: 'marketplace', name: 'nginx*', owner: '679593333241' })).toEqual({
      Owners: ['aws-marketplace'],
      Filters: [
        { Name: 'name', Values: ['nginx*'] },
        { Name: 'owner-id', Values: ['679593333241'] },
      ],
      MaxResults: CATALOGUE_PAGE_SIZE,
    });
  });
});
