import type { ShareEntity } from '../../shared/sharing';
import { entityDetail, entityName } from '../lib/shareTargets';
import { useAtlas } from '../store';

/** A recipient as the workspace names it ("globex-dev"), with its id in small monospace. */
export function EntityName({ entity }: { entity: ShareEntity }) {
  const workspace = useAtlas((s) => s.workspace);
  const name = entityName(entity, workspace);
  const detail = entityDetail(entity);
  return (
    <span className="entity-name">
      <span className="entity-name-main">{name}</span>
      {detail && detail !== name && <span className="mono-soft entity-name-id">{detail}</span>}
    </span>
  );
}
