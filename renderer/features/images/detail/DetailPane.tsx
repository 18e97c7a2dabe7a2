import { useCallback, useRef, useState } from 'react';
import type { AmiDetail } from '../../../../shared/model';
import { useAtlas } from '../../../store';
import { detailSummary } from '../../../store/selectors';
import { StateBadge } from '../../../components/StateBadge';
import { CopyableId } from '../../../components/CopyableId';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { StaleNote } from '../../../components/StaleNote';
import { Icon } from '../../../components/Icon';
import { SkeletonLines } from '../../../components/Spinner';
import { Tabs, panelId, tabId, type TabItem } from '../../../components/Tabs';
import { useNow } from '../../../components/useNow';
import { displayState } from '../../../lib/images';
import { findAccount } from '../../../lib/workspace';
import { useImageSlots } from '../../../components/imageSlots';
import { useAwsLinkActions } from '../../../components/awsLinkActions';
import { RowMenu } from '../../../components/RowMenu';
import { OverviewTab } from './OverviewTab';
import { PermissionsTab } from './PermissionsTab';
import { StorageTab } from './StorageTab';
import { TagsTab } from './TagsTab';
import { UsageTab } from './UsageTab';
import { CompareWithButton } from '../compare/CompareWithButton';

type DetailTab = 'overview' | 'storage' | 'permissions' | 'tags' | 'usage';

/** The selected AMI in depth. The header comes from the list at once; the tabs fill in from `images:get`. */
export function DetailPane() {
  const slots = useImageSlots();
  const open = useAtlas((s) => s.detailOpen);
  const selectedImageId = useAtlas((s) => s.selectedImageId);
  const summary = useAtlas(detailSummary);
  const detail = useAtlas((s) => s.detail);
  const loading = useAtlas((s) => s.detailLoading);
  const error = useAtlas((s) => s.detailError);
  const loadDetail = useAtlas((s) => s.loadDetail);
  const closeDetail = useAtlas((s) => s.closeDetail);
  // Inventory and catalogue rows name their own account and region.
  const account = useAtlas((s) => findAccount(s.workspace, s.detailContext?.account ?? s.accountId));
  const region = useAtlas((s) => s.detailContext?.region ?? s.region);
  const now = useNow();
  // The chosen tab survives moving between images, so one can flip through, say, everyone's tags.
  const [tab, setTab] = useState<DetailTab>('overview');
  const { itemsFor: linkItems, notice } = useAwsLinkActions();
  const [linksAt, setLinksAt] = useState<{ x: number; y: number } | null>(null);
  const linksRef = useRef<HTMLButtonElement>(null);
  const closeLinks = useCallback(() => {
    setLinksAt(null);
    linksRef.current?.focus();
  }, []);

  if (!open || !selectedImageId) return null;
  const image = detail?.imageId === selectedImageId ? detail : summary;
  if (!image) return null;
  const ready: AmiDetail | null = detail?.imageId === selectedImageId ? detail : null;
  const state = displayState(image, now);

  const tabs: TabItem<DetailTab>[] = [
    { id: 'overview', label: 'Overview' },
    // From the inventory the devices are unknown, not zero.
    { id: 'storage', label: 'Storage', extra: ready && !ready.stale ? ready.blockDevices.length : undefined },
    { id: 'permissions', label: 'Permissions' },
    { id: 'tags', label: 'Tags', extra: image.tags.length },
    { id: 'usage', label: 'Used by' },
  ];

  return (
    <aside className="detail" data-testid="ami-detail" aria-label="AMI details" tabIndex={-1}>
      <header className="detail-header">
        <div className="detail-title-row">
          <h2 className="detail-title">{image.name || '(no name)'}</h2>
          <button type="button" className="icon-button" aria-label="Close details" title="Close (Esc)" onClick={closeDetail}>
            <Icon name="close" />
          </button>
        </div>
        <div className="detail-id-row">
          <CopyableId value={image.imageId} testId="detail-image-id" />
          <StateBadge state={state} />
          <button
            ref={linksRef}
            type="button"
            className="icon-button detail-links-button"
            aria-label="AWS Console and copy actions"
            title="Open in AWS Console, copy ARN or AWS CLI command"
            aria-haspopup="menu"
            aria-expanded={linksAt !== null}
            data-testid="detail-links"
            onClick={(e) => {
              const rect = e.currentTarget.getBoundingClientRect();
              setLinksAt(linksAt ? null : { x: rect.left, y: rect.bottom + 4 });
            }}
          >
            <Icon name="more" size={15} strokeWidth={2.4} />
          </button>
        </div>
        {linksAt && (
          <RowMenu
            x={linksAt.x}
            y={linksAt.y}
            items={linkItems({ imageId: image.imageId, region: region ?? image.region, account: account?.id ?? null })}
            onClose={closeLinks}
          />
        )}
        {notice}
        <div className="detail-context">
          {account?.name ?? 'An account no longer in this workspace'} · {region ?? image.region}
          <CompareWithButton image={image} />
        </div>
      </header>
      <Tabs label="Image details" items={tabs} value={tab} onChange={(id) => setTab(id)} idPrefix="detail" className="detail-tabs" />
      <div
        role="tabpanel"
        id={panelId('detail', tab)}
        aria-labelledby={tabId('detail', tab)}
        className="detail-body"
        aria-busy={loading || undefined}
      >
        {ready?.stale && !error && <StaleNote stale={ready.stale} what="Details" onRetry={() => void loadDetail(true)} brief />}
        <ErrorBoundary area="The detail pane" compact key={`${image.imageId}-${tab}`}>
          {error ? (
            <ErrorBanner error={error} onRetry={() => void loadDetail(true)} />
          ) : tab === 'usage' ? (
            <UsageTab imageId={image.imageId} region={region ?? image.region} ownerId={image.ownerId} />
          ) : !ready ? (
            <SkeletonLines count={tab === 'overview' ? 9 : 4} />
          ) : tab === 'overview' ? (
            <OverviewTab image={ready} />
          ) : tab === 'storage' ? (
            <StorageTab image={ready} />
          ) : tab === 'permissions' ? (
            <PermissionsTab image={ready} />
          ) : (
            <TagsTab image={ready} />
          )}
        </ErrorBoundary>
      </div>
      <slots.DetailFoot />
    </aside>
  );
}
