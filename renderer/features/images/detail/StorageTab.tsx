import type { AmiDetail, BlockDevice } from '../../../../shared/model';
import { costCaveat, estimateMonthlyCost, SNAPSHOT_TIERS } from '../../../../shared/pricing/ebs-snapshots';
import { CopyableId } from '../../../components/CopyableId';
import { Icon } from '../../../components/Icon';
import { formatGiB, formatUnitPrice, formatUsd } from '../../../lib/format';
import { useAtlas } from '../../../store';
import { findRow } from '../../../store/selectors';

/** "arn:aws:kms:eu-west-1:123456789012:key/1a2b…" → "key/1a2b…": the part that differs between keys. */
export function shortKmsKey(key: string): string {
  const colon = key.lastIndexOf(':');
  return colon >= 0 ? key.slice(colon + 1) : key;
}

/**
 * Block device mappings, one compact block per device: a seven-column table does not fit a side
 * pane, and every fact (snapshot, size, type, encryption and key, delete on termination) matters.
 */
export function StorageTab({ image }: { image: AmiDetail }) {
  const ebs = image.blockDevices.filter((d) => !d.virtualName);
  const instanceStore = image.blockDevices.filter((d) => d.virtualName);

  return (
    <>
      <SnapshotCost image={image} ebs={ebs} />
      <section className="kv-section">
        <h3 className="section-title">EBS volumes</h3>
        {image.stale ? (
          // The inventory keeps snapshot ids only; saying "no volumes" here would be wrong.
          <p className="muted" data-testid="storage-needs-aws">
            Volumes, sizes and encryption keys need AWS. The inventory keeps the snapshots’ ids, below.
          </p>
        ) : ebs.length === 0 ? (
          <p className="muted">No EBS volumes.</p>
        ) : (
          <ul className="device-list">
            {ebs.map((device) => (
              <EbsDevice key={device.deviceName} device={device} root={device.deviceName === image.rootDeviceName} />
            ))}
          </ul>
        )}
      </section>
      {instanceStore.length > 0 && (
        <section className="kv-section">
          <h3 className="section-title">Instance store</h3>
          <table className="mini-table">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Virtual name</th>
              </tr>
            </thead>
            <tbody>
              {instanceStore.map((d) => (
                <tr key={d.deviceName}>
                  <td className="mono-soft">{d.deviceName}</td>
                  <td className="mono-soft">{d.virtualName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {image.snapshots.length > 0 && (
        <section className="kv-section">
          <h3 className="section-title">Snapshots</h3>
          <ul className="snapshot-list">
            {image.snapshots.map((s) => (
              <li key={s.snapshotId}>
                <CopyableId value={s.snapshotId} />
                <span className="muted">
                  {[formatGiB(s.volumeSizeGiB), s.state, s.encrypted ? 'encrypted' : null].filter(Boolean).join(' · ')}
                </span>
                {s.description && <span className="snapshot-description">{s.description}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function EbsDevice({ device, root }: { device: BlockDevice; root: boolean }) {
  return (
    <li className="device">
      <div className="device-head">
        <span className="mono device-name">{device.deviceName}</span>
        {root && <span className="device-root">root</span>}
        <span className="device-size">
          {formatGiB(device.volumeSizeGiB)}
          {device.volumeType && <span className="mono-soft"> {device.volumeType}</span>}
        </span>
      </div>
      <dl className="facts device-facts">
        <dt>Snapshot</dt>
        <dd>{device.snapshotId ? <CopyableId value={device.snapshotId} /> : <span className="muted">None (empty volume)</span>}</dd>
        <dt>Encryption</dt>
        <dd>
          {device.encrypted ? (
            <span className="device-encryption">
              <span className="encrypted">
                <Icon name="lock" size={12} /> Encrypted
              </span>
              {device.kmsKeyId && (
                <CopyableId value={device.kmsKeyId} display={shortKmsKey(device.kmsKeyId)} className="device-kms" />
              )}
            </span>
          ) : device.encrypted === false ? (
            'Not encrypted'
          ) : (
            '—'
          )}
        </dd>
        <dt>On termination</dt>
        <dd>
          {device.deleteOnTermination === null
            ? '—'
            : device.deleteOnTermination
              ? 'Volume is deleted'
              : 'Volume is kept'}
        </dd>
      </dl>
    </li>
  );
}

/**
 * The EBS volumes' sizes added up, as the inventory's scanner adds them (what the snapshots hold
 * at most); null without EBS volumes or when none has a size.
 */
function ebsSize(devices: readonly BlockDevice[]): number | null {
  let total: number | null = null;
  for (const d of devices) if (d.volumeSizeGiB !== null) total = (total ?? 0) + d.volumeSizeGiB;
  return total;
}

/**
 * Snapshot size and its estimated monthly cost in each tier, with the caveat. Block devices come
 * from AWS; from the inventory (offline) the scanned size stands in.
 */
function SnapshotCost({ image, ebs }: { image: AmiDetail; ebs: readonly BlockDevice[] }) {
  const scanned = useAtlas((s) => findRow(s, `${image.ownerId}|${image.region}|${image.imageId}`)?.snapshotSizeGiB ?? null);
  const viewer = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === image.account)?.awsAccountId ?? null);
  const size = image.stale ? scanned : ebsSize(ebs);
  if (size === null) return null;
  const costs = SNAPSHOT_TIERS.map((tier) => ({ tier, cost: estimateMonthlyCost(size, image.region, tier) }));
  const priced = costs.some((c) => c.cost !== null);
  const unchecked = costs.filter((c) => c.cost && !c.cost.confirmed).map((c) => c.tier);
  return (
    <section className="kv-section" data-testid="storage-cost">
      <h3 className="section-title">Snapshot cost</h3>
      <dl className="facts">
        <dt>Size</dt>
        <dd data-testid="storage-size">
          {formatGiB(size)}
          {image.stale && <span className="muted"> (from the inventory)</span>}
        </dd>
        {costs.map(({ tier, cost }) => (
          <FactCost key={tier} tier={tier} cost={cost} region={image.region} />
        ))}
      </dl>
      {priced ? (
        <p className="muted storage-caveat" data-testid="storage-caveat">
          {costCaveat(SNAPSHOT_TIERS)}
          {unchecked.length > 0 && ` The ${image.region} ${unchecked.join(' and ')} ${unchecked.length === 1 ? 'price is' : 'prices are'} not confirmed against AWS’s price list.`}
          {viewer !== null && viewer !== image.ownerId && ' This AMI is shared with the account: its owner pays for the snapshots.'}
        </p>
      ) : (
        <p className="muted">The price table has no EBS snapshot price for {image.region}.</p>
      )}
    </section>
  );
}

function FactCost({ tier, cost, region }: { tier: string; cost: ReturnType<typeof estimateMonthlyCost>; region: string }) {
  if (!cost) return null;
  return (
    <>
      <dt>{tier === 'standard' ? 'Standard tier' : 'Archive tier'}</dt>
      <dd data-testid={`storage-cost-${tier}`}>
        {formatUsd(cost.usd)} a month <span className="muted">at {formatUnitPrice(cost.perGiB)} per GB-month in {region}</span>
      </dd>
    </>
  );
}
