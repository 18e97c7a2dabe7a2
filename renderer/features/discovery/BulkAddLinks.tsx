import { useAtlas } from '../../store';

/**
 * The ways to add many accounts at once, offered under the one-account forms. Each replaces the
 * dialog it is shown in (one dialog at a time).
 */
export function BulkAddLinks() {
  const openDialog = useAtlas((s) => s.openDialog);
  return (
    <p className="bulk-add-links" data-testid="bulk-add-links">
      <span className="bulk-add-links-lead">Many accounts?</span>
      <button type="button" className="link-button" onClick={() => openDialog({ kind: 'discover-sso' })}>
        From IAM Identity Center…
      </button>
      <span aria-hidden="true">·</span>
      <button type="button" className="link-button" onClick={() => openDialog({ kind: 'discover-org' })}>
        From AWS Organizations…
      </button>
      <span aria-hidden="true">·</span>
      <button type="button" className="link-button" onClick={() => openDialog({ kind: 'bulk-roles' })}>
        Same role in many accounts…
      </button>
    </p>
  );
}
