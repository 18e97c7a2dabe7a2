import type { AmiSummary } from '../../../../shared/model';
import { CompareHost } from './CompareDialog';
import { openCompare } from './compareStore';
import { targetOf } from './open';

/**
 * The detail pane's "Compare with…": the shown AMI against another the user finds by typing.
 * It also shows the comparison it opens, so the pane works wherever it is shown (the account
 * view, the inventory).
 */
export function CompareWithButton({ image }: { image: Pick<AmiSummary, 'account' | 'region' | 'imageId' | 'name'> }) {
  return (
    <>
      <button
        type="button"
        className="button button-small detail-compare-button"
        data-testid="detail-compare"
        title="Compare this AMI with another, side by side"
        onClick={() => openCompare(targetOf(image), null, 'detail')}
      >
        Compare with…
      </button>
      <CompareHost origin="detail" />
    </>
  );
}
