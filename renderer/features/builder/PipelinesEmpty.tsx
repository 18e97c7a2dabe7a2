import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';

/** No pipelines here: what a pipeline is, and how to make one. */
export function PipelinesEmpty({ accountName, region, onCreate }: { accountName: string; region: string; onCreate(): void }) {
  return (
    <EmptyState
      icon="refresh"
      title={`No Image Builder pipelines in ${accountName}/${region}`}
      actions={
        <button type="button" className="button button-primary" onClick={onCreate}>
          <Icon name="plus" size={13} /> Create pipeline
        </button>
      }
    >
      A pipeline builds an AMI from a base image and components, tests it and distributes it to regions and accounts, by hand or on a schedule.
      Create one here (pick an AMI in the grid first to start from it), or switch region with the picker above.
    </EmptyState>
  );
}
