import type { ReactNode } from 'react';
import type { LaunchPermissionKind } from '../../shared/inventory';
import { Icon } from './Icon';

interface VisibilityMarkProps {
  /** Who may launch it; null when not known. */
  kind: LaunchPermissionKind | null;
  /** Account ids, organization and OU ARNs it is shared with. */
  sharedWith: readonly string[];
  /** Our names for account ids (the tooltip lists recipients by name). */
  ownerNames: ReadonlyMap<string, string>;
  /** What to show when `kind` is unknown. */
  unknown: ReactNode;
}

/** A grid cell: Public, Org ×N, Shared ×N (recipients in the tooltip), Private — never "Private" for want of knowing. */
export function VisibilityMark({ kind, sharedWith, ownerNames, unknown }: VisibilityMarkProps) {
  const shares = sharedWith.map((id) => ownerNames.get(id) ?? id).join('\n');
  switch (kind) {
    case 'public':
      return (
        <span className="visibility-public" title="Anyone can launch this image">
          <Icon name="globe" size={12} /> Public
        </span>
      );
    case 'organization':
      return <span title={shares}>Org ×{sharedWith.length}</span>;
    case 'shared':
      return <span title={shares}>Shared ×{sharedWith.length}</span>;
    case 'private':
      return <span className="muted">Private</span>;
    case null:
      return <>{unknown}</>;
  }
}
