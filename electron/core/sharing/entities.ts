/**
 * Launch permission entities in both shapes: ours (shared/sharing.ts) and the SDK's. AWS keeps
 * one permission per entity, so sets are keyed by `entityKey`.
 */
import type { LaunchPermission } from '@aws-sdk/client-ec2';
import { entityKey, type ShareEntity } from '../../../shared/sharing';

export function fromLaunchPermission(p: LaunchPermission): ShareEntity | null {
  if (p.Group === 'all') return { kind: 'public' };
  if (p.UserId) return { kind: 'account', awsAccountId: p.UserId };
  if (p.OrganizationArn) return { kind: 'organization', arn: p.OrganizationArn };
  if (p.OrganizationalUnitArn) return { kind: 'organizational-unit', arn: p.OrganizationalUnitArn };
  return null;
}

export function toLaunchPermission(e: ShareEntity): LaunchPermission {
  switch (e.kind) {
    case 'public':
      return { Group: 'all' };
    case 'account':
      return { UserId: e.awsAccountId };
    case 'organization':
      return { OrganizationArn: e.arn };
    case 'organizational-unit':
      return { OrganizationalUnitArn: e.arn };
  }
}

/** The entities without repeats, first occurrence kept. */
export function uniqueEntities(entities: readonly ShareEntity[]): ShareEntity[] {
  const seen = new Set<string>();
  return entities.filter((e) => {
    const key = entityKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How a user would name an entity, using our account names where we know them. */
export function describeEntity(e: ShareEntity, knownAs: (awsAccountId: string) => string | null): string {
  switch (e.kind) {
    case 'public':
      return 'everyone (public)';
    case 'account': {
      const name = knownAs(e.awsAccountId);
      return name ? `${name} (${e.awsAccountId})` : e.awsAccountId;
    }
    case 'organization':
      return `organization ${e.arn.split('/').pop() ?? e.arn}`;
    case 'organizational-unit':
      return `OU ${e.arn.split('/').pop() ?? e.arn}`;
  }
}

/** "2 accounts and 1 organization" */
export function countEntities(entities: readonly ShareEntity[]): string {
  const counts = new Map<string, number>();
  for (const e of entities) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const words: Record<ShareEntity['kind'], [string, string]> = {
    account: ['account', 'accounts'],
    organization: ['organization', 'organizations'],
    'organizational-unit': ['OU', 'OUs'],
    public: ['everyone', 'everyone'],
  };
  const parts = [...counts].map(([kind, n]) => {
    const [one, many] = words[kind as ShareEntity['kind']];
    return kind === 'public' ? 'everyone' : `${n} ${n === 1 ? one : many}`;
  });
  return parts.length <= 1 ? (parts[0] ?? 'nobody') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
