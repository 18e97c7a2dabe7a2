import { useDeferredValue, useMemo } from 'react';
import type { AmiSummary } from '../../../shared/model';
import { useAtlas } from '../../store';
import { useNow } from '../../components/useNow';
import { filterImages } from '../../lib/filter';
import { accountNamesByAwsId } from '../../lib/images';
import { sortImages } from '../../lib/sort';
import type { CellContext } from './columns';

/** The loaded list after search and sort, plus what cells need to draw (clock, owner names). */
export function useVisibleImages(): { rows: readonly AmiSummary[]; ctx: CellContext } {
  const images = useAtlas((s) => s.images);
  const query = useAtlas((s) => s.query);
  const sort = useAtlas((s) => s.sort);
  const accounts = useAtlas((s) => s.workspace?.accounts);
  const now = useNow();
  // Typing stays responsive with huge lists: the filter catches up a frame later if it must.
  const deferredQuery = useDeferredValue(query);

  const ownerNames = useMemo(() => accountNamesByAwsId(accounts ?? []), [accounts]);
  const ctx = useMemo<CellContext>(() => ({ now, ownerNames }), [now, ownerNames]);
  const filtered = useMemo(() => filterImages(images, deferredQuery), [images, deferredQuery]);
  // Sorting ignores the ticking clock except for the state column (deprecation depends on time).
  const sortNow = sort.key === 'state' ? now : 0;
  const rows = useMemo(
    () => sortImages(filtered, sort, { now: sortNow || Date.now(), ownerNames }),
    [filtered, sort, sortNow, ownerNames],
  );
  return { rows, ctx };
}
