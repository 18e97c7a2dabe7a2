import { useDeferredValue, useMemo } from 'react';
import type { AmiRow } from '../../../shared/ami-rows';
import { useAtlas } from '../../store';
import { findRow } from '../../store/selectors';
import { useNow } from '../../components/useNow';
import { filterImages } from '../../lib/filter';
import { accountNamesByAwsId, listedRow } from '../../lib/images';
import { workspaceNames } from '../../lib/inventory';
import { sortImages } from '../../lib/sort';
import type { CellContext } from './columns';

/**
 * The loaded list after search and sort, plus what cells need to draw (clock, owner names). Each
 * image is an AMI row enriched from the inventory, and searched with the inventory's filter, so
 * the account view and the inventory find the same things.
 */
export function useVisibleImages(): { rows: readonly AmiRow[]; ctx: CellContext } {
  const images = useAtlas((s) => s.images);
  const view = useAtlas((s) => s.view);
  const inventory = useAtlas((s) => s.inventory);
  const query = useAtlas((s) => s.query);
  const sort = useAtlas((s) => s.sort);
  const workspace = useAtlas((s) => s.workspace);
  const now = useNow();
  // Typing stays responsive with huge lists: the filter catches up a frame later if it must.
  const deferredQuery = useDeferredValue(query);

  // With the inventory's family pattern, so both views share one names object (and its caches).
  const familyPattern = useAtlas((s) => s.familyPattern);
  const names = workspaceNames(workspace, familyPattern);
  const ownerNames = useMemo(() => accountNamesByAwsId(workspace?.accounts ?? []), [workspace]);
  const ctx = useMemo<CellContext>(() => ({ now, ownerNames }), [now, ownerNames]);
  const listed = useMemo(() => {
    const state = { inventory } as Parameters<typeof findRow>[0];
    return images.map((image) => listedRow(image, findRow(state, `${image.ownerId}|${image.region}|${image.imageId}`) ?? undefined, view));
  }, [images, inventory, view]);
  const filtered = useMemo(() => filterImages(listed, deferredQuery, names), [listed, deferredQuery, names]);
  // Sorting ignores the ticking clock except for the state column (deprecation depends on time).
  const sortNow = sort.key === 'state' ? now : 0;
  const rows = useMemo(
    () => sortImages(filtered, sort, { now: sortNow || Date.now(), ownerNames }),
    [filtered, sort, sortNow, ownerNames],
  );
  return { rows, ctx };
}
