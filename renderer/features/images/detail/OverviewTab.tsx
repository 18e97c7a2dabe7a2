import { useMemo } from 'react';
import type { AmiDetail } from '../../../../shared/model';
import { useAtlas } from '../../../store';
import { CopyableId } from '../../../components/CopyableId';
import { Icon, type IconName } from '../../../components/Icon';
import { KeyValue, KeyValueList } from '../../../components/KeyValue';
import { RelativeTime } from '../../../components/RelativeTime';
import { formatAccountId, rootDeviceLabel, yesNo } from '../../../lib/format';
import { accountNamesByAwsId } from '../../../lib/images';

export function OverviewTab({ image }: { image: AmiDetail }) {
  const accounts = useAtlas((s) => s.workspace?.accounts);
  const ownerName = useMemo(() => accountNamesByAwsId(accounts ?? []).get(image.ownerId), [accounts, image.ownerId]);

  return (
    <>
      {image.description && <p className="detail-description">{image.description}</p>}
      <KeyValueList title="Image">
        <KeyValue label="Owner">
          <span className="owner">
            <CopyableId value={image.ownerId} display={formatAccountId(image.ownerId)} />
            {(ownerName ?? image.ownerAlias) && <span className="muted">{ownerName ?? image.ownerAlias}</span>}
          </span>
        </KeyValue>
        <KeyValue label="Platform">{image.platform}</KeyValue>
        <KeyValue label="Architecture">{image.architecture}</KeyValue>
        <KeyValue label="Virtualization">{image.virtualizationType}</KeyValue>
        <KeyValue label="Boot mode">{image.bootMode ?? '—'}</KeyValue>
        <KeyValue label="ENA support">{yesNo(image.enaSupport)}</KeyValue>
        <KeyValue label="IMDS">{fromAws(image, image.imdsSupport === 'v2.0' ? 'IMDSv2 required' : (image.imdsSupport ?? 'IMDSv1 allowed'))}</KeyValue>
        <KeyValue label="TPM support">{fromAws(image, image.tpmSupport ? `NitroTPM ${image.tpmSupport}` : 'No')}</KeyValue>
        <KeyValue label="Usage operation">{fromAws(image, image.usageOperation ?? '—')}</KeyValue>
        <KeyValue label="Root device">
          {rootDeviceLabel(image.rootDeviceType)}
          {image.rootDeviceName && <span className="mono-soft"> {image.rootDeviceName}</span>}
        </KeyValue>
        <KeyValue label="Visibility">
          <Flag on={image.public} icon="globe" className="visibility-public" yes="Public" no="Private" />
        </KeyValue>
        <KeyValue label="Encryption">
          <Flag on={image.encrypted} icon="lock" className="encrypted" yes="Encrypted" no="Not encrypted" />
        </KeyValue>
      </KeyValueList>
      <KeyValueList title="Dates">
        <KeyValue label="Created">
          <RelativeTime value={image.creationDate} />
        </KeyValue>
        <KeyValue label="Deprecation">
          {image.deprecationTime ? <RelativeTime value={image.deprecationTime} /> : 'Not scheduled'}
        </KeyValue>
        <KeyValue label="Last launched">
          {image.lastLaunchedTime ? <RelativeTime value={image.lastLaunchedTime} /> : 'No record'}
        </KeyValue>
      </KeyValueList>
      <KeyValueList title="Lineage">
        <KeyValue label="Source image">
          {image.sourceImageId ? (
            <CopyableId value={image.sourceImageId} />
          ) : image.stale ? (
            // The inventory does not keep lineage: unknown, not "not a copy".
            <span className="muted">Needs AWS</span>
          ) : (
            <span className="muted">Not a copy</span>
          )}
        </KeyValue>
        {image.sourceImageId && <KeyValue label="Source region">{image.sourceRegion ?? '—'}</KeyValue>}
        <KeyValue label="Location">
          {image.imageLocation ? <span className="mono-soft break">{image.imageLocation}</span> : '—'}
        </KeyValue>
      </KeyValueList>
    </>
  );
}

/** A fact the offline inventory does not keep: "Needs AWS" while the details came from it, never a guess. */
function fromAws(image: AmiDetail, text: string) {
  return image.stale ? <span className="muted">Needs AWS</span> : text;
}

/** A yes/no fact: the yes marked with its icon, the no in plain words. */
function Flag({ on, icon, className, yes, no }: { on: boolean; icon: IconName; className: string; yes: string; no: string }) {
  if (!on) return <>{no}</>;
  return (
    <span className={className}>
      <Icon name={icon} size={12} /> {yes}
    </span>
  );
}
