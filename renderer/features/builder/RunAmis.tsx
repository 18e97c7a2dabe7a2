import type { BuildRun } from '../../../shared/imagebuilder';
import { useAtlas } from '../../store';

/** The AMIs a finished run distributed, one per region: each opens in the AMI grid, selected. */
export function RunAmis({ run }: { run: BuildRun }) {
  const revealImage = useAtlas((s) => s.revealImage);
  const accounts = useAtlas((s) => s.workspace?.accounts);
  if (run.amis.length === 0) return null;
  return (
    <ul className="builder-amis" aria-label="AMIs produced">
      {run.amis.map((ami) => {
        // An AMI copied into another of our accounts opens there; one of an unknown account cannot be shown.
        // The run's own account first: an AMI it built opens where the build ran, never in another
        // account that happens to share its 12-digit id (another endpoint).
        const runAccount = accounts?.find((a) => a.id === run.account);
        const owner = ami.awsAccountId && ami.awsAccountId !== runAccount?.awsAccountId ? accounts?.find((a) => a.awsAccountId === ami.awsAccountId) : undefined;
        const account = owner?.id ?? run.account;
        return (
          <li key={`${ami.region}-${ami.imageId}`} className="builder-ami">
            <span className="mono-soft">{ami.region}</span>
            <button
              type="button"
              className="link-button mono"
              title={`Show ${ami.name} in the AMI list`}
              data-testid="run-ami"
              data-region={ami.region}
              onClick={() => void revealImage({ account, region: ami.region, imageId: ami.imageId })}
            >
              {ami.imageId}
            </button>
            <span className="muted builder-ami-name">{ami.name}</span>
          </li>
        );
      })}
    </ul>
  );
}
