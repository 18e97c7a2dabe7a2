import { useEffect } from 'react';
import { ModeView, StatusSep } from '../../components/ModeView';
import { RefreshButton } from '../../components/RefreshButton';
import { panelId, tabId, Tabs } from '../../components/Tabs';
import { formatCount, plural } from '../../lib/format';
import { ApplySheetHost } from './ApplySheet';
import { loadOrphans, loadRecycleBin, loadSaved, loadUsageStored, runPlan, setTab, snapshotKey, useCleanupStore, type CleanupTab } from './cleanupStore';
import { OrphansPanel, SnapshotSheetHost } from './OrphansPanel';
import { ApplyButton, PlanPanel } from './PlanPanel';
import { RecycleBinPanel, RestoreSheetHost } from './RecycleBinPanel';
import { RulesForm } from './RulesForm';

const PREFIX = 'cleanup';

/**
 * Clean-up: rules that pick owned AMIs nobody needs, the plan they give (with what it saves and
 * what was kept and why), applying it safely (Recycle Bin first, production named), undoing from
 * the Recycle Bin, and snapshots left behind by AMIs that no longer exist.
 */
export function CleanupView() {
  const tab = useCleanupStore((s) => s.tab);
  const plan = useCleanupStore((s) => s.plan);
  const planStatus = useCleanupStore((s) => s.planStatus);
  const planError = useCleanupStore((s) => s.planError);
  const bin = useCleanupStore((s) => s.bin);
  const orphans = useCleanupStore((s) => s.orphans);

  useEffect(() => {
    void loadSaved();
    void loadUsageStored();
    // The plan is cheap (no AWS call): made afresh whenever the place opens, so it follows scans and changes made elsewhere.
    void runPlan();
    const current = useCleanupStore.getState();
    if (current.tab === 'bin') void loadRecycleBin();
    if (current.tab === 'orphans') void loadOrphans();
  }, []);

  const items: Array<{ id: CleanupTab; label: string; extra?: string }> = [
    { id: 'plan', label: 'Plan', ...(plan ? { extra: formatCount(plan.candidates.length) } : {}) },
    { id: 'bin', label: 'Recycle Bin', ...(bin.status === 'ready' ? { extra: formatCount(bin.images.length) } : {}) },
    { id: 'orphans', label: 'Orphaned snapshots', ...(orphans.status === 'ready' ? { extra: formatCount(orphans.list.length) } : {}) },
  ];

  const refresh = () => (tab === 'plan' ? void runPlan() : tab === 'bin' ? void loadRecycleBin() : void loadOrphans());
  const loading =
    tab === 'plan' && planStatus === 'loading'
      ? 'Computing the plan'
      : tab === 'bin' && bin.status === 'loading'
        ? 'Reading the Recycle Bins'
        : tab === 'orphans' && orphans.status === 'loading'
          ? 'Looking for orphaned snapshots'
          : null;

  return (
    <ModeView
      className="cleanup"
      label="Clean-up"
      testId="cleanup-view"
      icon="trash"
      title="Clean-up"
      titleClassName="cleanup-title"
      tools={<Tabs label="Clean-up" items={items} value={tab} onChange={setTab} idPrefix={PREFIX} className="cleanup-tabs" />}
      end={
        <>
          {tab === 'plan' && <ApplyButton />}
          <RefreshButton title={tab === 'plan' ? 'Compute the plan again' : 'Read again'} busy={loading !== null} onRefresh={refresh} />
        </>
      }
      loading={loading}
      error={tab === 'plan' && planError && plan ? planError : null}
      onRetry={refresh}
      panelClassName="cleanup-panel"
      status={<CleanupStatus tab={tab} />}
      statusTestId="cleanup-status"
    >
      <div role="tabpanel" id={panelId(PREFIX, tab)} aria-labelledby={tabId(PREFIX, tab)} className="cleanup-tabpanel">
        {tab === 'plan' ? (
          <>
            <RulesForm />
            <PlanPanel />
          </>
        ) : tab === 'bin' ? (
          <RecycleBinPanel />
        ) : (
          <OrphansPanel />
        )}
      </div>
      <ApplySheetHost />
      <RestoreSheetHost />
      <SnapshotSheetHost />
    </ModeView>
  );
}

function CleanupStatus({ tab }: { tab: CleanupTab }) {
  const plan = useCleanupStore((s) => s.plan);
  const bin = useCleanupStore((s) => s.bin);
  const orphans = useCleanupStore((s) => s.orphans);
  if (tab === 'plan')
    return plan ? (
      <>
        <span>{plural(plan.candidates.length, 'candidate')}</span>
        <StatusSep />
        <span>{plural(plan.considered, 'owned AMI')} looked at</span>
        <StatusSep />
        <span>From the last inventory scan and usage check; nothing is changed until you apply</span>
      </>
    ) : (
      <span>No plan yet</span>
    );
  if (tab === 'bin')
    return (
      <>
        <span>{plural(bin.images.length, 'AMI')} can be restored</span>
        <StatusSep />
        <span>{plural(bin.places, 'place')} read (an account in a region)</span>
      </>
    );
  const selected = orphans.list.filter((o) => orphans.selected.has(snapshotKey(o))).length;
  return (
    <>
      <span>{plural(orphans.list.length, 'orphaned snapshot')}</span>
      {selected > 0 && (
        <>
          <StatusSep />
          <span>{formatCount(selected)} selected</span>
        </>
      )}
    </>
  );
}
