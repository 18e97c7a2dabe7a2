import type { ShareEntity } from '../../../shared/sharing';
import { entityKey } from '../../../shared/sharing';
import { CopyableId } from '../../components/CopyableId';
import { Icon } from '../../components/Icon';
import { formatAccountId } from '../../lib/format';
import { describeEntity, shortArn, type AccountNames } from '../../lib/sharing';

interface ListProps {
  entries: readonly ShareEntity[];
  names: AccountNames;
  disabled: boolean;
  onRemove(entity: ShareEntity): void;
}

/** Who may launch the image now, each with a remove button. */
export function PermissionsEditorList({ entries, names, disabled, onRemove }: ListProps) {
  if (entries.length === 0) {
    return (
      <p className="perm-empty" data-testid="permissions-private">
        <Icon name="lock" size={13} /> Private: only the owner can launch it.
      </p>
    );
  }
  return (
    <ul className="perm-entries" aria-label="Launch permissions" data-testid="permission-entries">
      {entries.map((entity) => (
        <li key={`${entity.kind}:${entityKey(entity)}`} className="perm-entry" data-testid="permission-entry" data-entity={entityKey(entity)}>
          <EntryLabel entity={entity} names={names} />
          <button
            type="button"
            className="icon-button perm-entry-remove"
            aria-label={`Remove ${describeEntity(entity, names)}`}
            title={entity.kind === 'public' ? 'Make private' : 'Stop sharing with this one'}
            disabled={disabled}
            onClick={() => onRemove(entity)}
          >
            <Icon name="close" size={13} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function EntryLabel({ entity, names }: { entity: ShareEntity; names: AccountNames }) {
  switch (entity.kind) {
    case 'public':
      return (
        <span className="perm-entry-main">
          <Icon name="globe" size={14} className="icon perm-entry-icon is-public" />
          <span className="perm-entry-text">
            <strong>Public</strong>
            <span className="muted">Anyone with an AWS account</span>
          </span>
        </span>
      );
    case 'account': {
      const name = names.get(entity.awsAccountId);
      return (
        <span className="perm-entry-main">
          <Icon name="user" size={14} className="icon perm-entry-icon" />
          <span className="perm-entry-text">
            {name ? <span className="perm-entry-name">{name}</span> : <span className="muted">Not in this workspace</span>}
            <CopyableId value={entity.awsAccountId} display={formatAccountId(entity.awsAccountId)} />
          </span>
        </span>
      );
    }
    case 'organization':
    case 'organizational-unit':
      return (
        <span className="perm-entry-main">
          <Icon name="box" size={14} className="icon perm-entry-icon" />
          <span className="perm-entry-text">
            <span className="perm-entry-name">
              {entity.kind === 'organization' ? 'Organization' : 'Organizational unit'} <span className="mono-soft">{shortArn(entity.arn)}</span>
            </span>
            <CopyableId value={entity.arn} display={entity.arn} className="perm-entry-arn" />
          </span>
        </span>
      );
  }
}
