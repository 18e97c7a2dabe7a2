import type { AmiDetail, LaunchPermission } from '../../../../shared/model';
import { CopyableId } from '../../../components/CopyableId';
import { EmptyState } from '../../../components/EmptyState';
import { Icon } from '../../../components/Icon';
import { formatAccountId } from '../../../lib/format';

const kindOrder: Record<LaunchPermission['kind'], number> = { group: 0, organization: 1, 'organizational-unit': 2, account: 3 };

/** Who may launch the image, named by our own account names where we know the account. */
export function PermissionsTab({ image }: { image: AmiDetail }) {
  const permissions = image.launchPermissions;
  if (permissions === null) {
    return (
      <EmptyState icon="lock" title="Only the owner can see launch permissions">
        This image belongs to another account, so AWS does not reveal who else may launch it.
      </EmptyState>
    );
  }
  if (permissions.length === 0) {
    return (
      <EmptyState icon="user" title="Private to the owner">
        No other account, organization or group has launch permission.
      </EmptyState>
    );
  }
  const sorted = [...permissions].sort(
    (a, b) =>
      kindOrder[a.kind] - kindOrder[b.kind] ||
      Number(b.knownAs !== null) - Number(a.knownAs !== null) ||
      (a.knownAs ?? a.value).localeCompare(b.knownAs ?? b.value),
  );
  return (
    <section className="kv-section">
      <h3 className="section-title">Launch permissions</h3>
      <ul className="permission-list">
        {sorted.map((p) => (
          <li key={`${p.kind}:${p.value}`} className="permission">
            <PermissionRow permission={p} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PermissionRow({ permission: p }: { permission: LaunchPermission }) {
  if (p.kind === 'group' && p.value === 'all') {
    return (
      <>
        <Icon name="globe" className="icon permission-icon is-public" />
        <span className="permission-main">
          <strong>Public</strong>
          <span className="muted">Anyone with an AWS account can launch this image</span>
        </span>
      </>
    );
  }
  if (p.kind === 'account') {
    return (
      <>
        <Icon name="user" className="icon permission-icon" />
        <span className="permission-main">
          <span>{p.knownAs ?? <span className="muted">Not in this workspace</span>}</span>
          <CopyableId value={p.value} display={formatAccountId(p.value)} />
        </span>
      </>
    );
  }
  const label = p.kind === 'organization' ? 'Organization' : p.kind === 'organizational-unit' ? 'Organizational unit' : 'Group';
  return (
    <>
      <Icon name="box" className="icon permission-icon" />
      <span className="permission-main">
        <span>{p.knownAs ?? label}</span>
        <CopyableId value={p.value} />
      </span>
    </>
  );
}
