import { useEffect, useRef } from 'react';
import type { RecycleBinImage } from '../../../shared/cleanup';
import { ActingAs } from '../../components/ActingAs';
import { Badge } from '../../components/Badge';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { phraseMatches } from '../../lib/confirm';
import { plural } from '../../lib/format';
import { exactTime, relativeTime } from '../../lib/time';
import { useAtlas } from '../../store';
import { closeRestore, loadRecycleBin, openRestore, productionOf, restoreImage, setRestoreTyped, useCleanupStore, type RestoreSheet } from './cleanupStore';
import { coverageState, coverageWords, daysBetween, placeKey } from './places';

/**
 * What the Recycle Bins of the places in scope can give back (deregistered AMIs, with when they
 * entered and leave the bin), and per place whether a rule keeps AMIs and snapshots at all.
 */
export function RecycleBinPanel() {
  const bin = useCleanupStore((s) => s.bin);
  const now = Date.now();
  if (bin.status === 'error' && bin.error && bin.images.length === 0)
    return (
      <div className="state-center">
        <ErrorBanner error={bin.error} onRetry={() => void loadRecycleBin()} variant="full" />
      </div>
    );
  if (bin.status === 'ready' && bin.places === 0)
    return (
      <EmptyState icon="trash" title="No place in scope">
        The Recycle Bin is read where the inventory found owned AMIs: scan the inventory, or widen the client, accounts or regions on the Plan tab.
      </EmptyState>
    );
  const uncovered = bin.coverage.filter((c) => coverageState(c) !== 'covered');
  return (
    <div className="bin-panel">
      {bin.error && <ErrorBanner error={bin.error} onRetry={() => void loadRecycleBin()} />}
      <section className="bin-section" aria-label="Recoverable AMIs">
        <h3 className="section-title">Deregistered AMIs the Recycle Bin still holds</h3>
        {bin.images.length === 0 ? (
          <p className="muted" data-testid="bin-empty">
            {bin.status === 'loading' ? 'Reading…' : 'None: nothing deregistered in these places is waiting in a Recycle Bin.'}
          </p>
        ) : (
          <table className="cleanup-table" data-testid="bin-table">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Region</th>
                <th scope="col">Name</th>
                <th scope="col">AMI</th>
                <th scope="col">Entered the bin</th>
                <th scope="col">Leaves the bin</th>
                <th scope="col">
                  <span className="sr-only">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bin.images.map((image) => (
                <BinRow key={`${image.account}|${image.region}|${image.imageId}`} image={image} now={now} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="bin-section" aria-label="Recycle Bin rules" data-testid="bin-coverage">
        <h3 className="section-title">
          Rules per place{' '}
          {uncovered.length > 0 && (
            <span className="muted">
              · {plural(uncovered.length, 'place')} of {bin.coverage.length} cannot give back everything deregistered
            </span>
          )}
        </h3>
        <table className="cleanup-table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Region</th>
              <th scope="col">What the Recycle Bin keeps</th>
              <th scope="col">Rules for tagged resources</th>
            </tr>
          </thead>
          <tbody>
            {[...bin.coverage]
              .sort((a, b) => a.accountName.localeCompare(b.accountName) || a.region.localeCompare(b.region))
              .map((c) => {
                const state = coverageState(c);
                return (
                  <tr key={placeKey(c)} data-testid="bin-place" data-coverage={state}>
                    <td>{c.accountName}</td>
                    <td className="mono">{c.region}</td>
                    <td>
                      <span className={`coverage coverage-${state}`}>
                        <Icon name={state === 'covered' ? 'check' : 'alert'} size={13} /> {coverageWords(c)}
                      </span>
                    </td>
                    <td className="muted">{c.taggedRules.length > 0 ? c.taggedRules.join('; ') : '—'}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function BinRow({ image, now }: { image: RecycleBinImage; now: number }) {
  const production = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === image.account)?.production ?? false);
  const left = daysBetween(now, image.recycleBinExitTime);
  return (
    <tr data-testid="bin-row" data-image-id={image.imageId}>
      <td>
        {image.accountName} {production && <Badge tone="prod">PROD</Badge>}
      </td>
      <td className="mono">{image.region}</td>
      <td className="truncate-cell" title={image.description ?? image.name}>
        {image.name || <span className="muted">(no name)</span>}
      </td>
      <td className="mono-soft">{image.imageId}</td>
      <td>{image.recycleBinEnterTime ? <time title={exactTime(image.recycleBinEnterTime)}>{relativeTime(image.recycleBinEnterTime, now)}</time> : '—'}</td>
      <td>
        {image.recycleBinExitTime ? (
          <time title={exactTime(image.recycleBinExitTime)} className={left !== null && left <= 2 ? 'leaves-soon' : undefined}>
            {left !== null && left > 0 ? `in ${plural(left, 'day')}` : exactTime(image.recycleBinExitTime)}
          </time>
        ) : (
          '—'
        )}
      </td>
      <td className="align-end">
        <button type="button" className="button button-small" onClick={() => openRestore(image)} data-testid="bin-restore">
          Restore…
        </button>
      </td>
    </tr>
  );
}

/** Mounted with the Clean-up place: the confirm sheet of restoring one AMI. */
export function RestoreSheetHost() {
  const sheet = useCleanupStore((s) => s.restore);
  return sheet ? <RestoreDialog sheet={sheet} /> : null;
}

function RestoreDialog({ sheet }: { sheet: RestoreSheet }) {
  const { image } = sheet;
  const prod = productionOf([image.account]);
  const typed = prod.every((p) => phraseMatches(sheet.typed[p.account], p.name));
  const busy = sheet.phase === 'restoring';
  const doneRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (sheet.phase === 'done') doneRef.current?.focus();
  }, [sheet.phase]);
  return (
    <Dialog
      title={`Restore ${image.name || image.imageId}`}
      subtitle={
        <span className="dialog-context">
          {image.accountName} · {image.region}
        </span>
      }
      onClose={busy ? () => undefined : closeRestore}
      dismissable={!busy}
      testId="restore-sheet"
      initialFocus={prod.length > 0 ? 'input[data-testid="prod-guard-input"]' : '[data-autofocus]'}
    >
      {sheet.phase === 'done' ? (
        <div className="dialog-body sheet-body">
          <p className="tone-line is-success" role="status" data-testid="restore-result">
            <Icon name="check" size={14} /> {sheet.message}
          </p>
          <div className="form-actions">
            <button ref={doneRef} type="button" className="button button-primary" onClick={closeRestore}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form
          className="dialog-body sheet-body"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed && !busy) void restoreImage();
          }}
        >
          <p>
            <strong>{image.name || image.imageId}</strong> <span className="mono-soft">{image.imageId}</span> comes back to {image.accountName} in{' '}
            <span className="mono">{image.region}</span> under the same id. It can launch only while its snapshots exist.
          </p>
          <ActingAs accounts={[image.account]} />
          {prod.length > 0 && <AccountsGuard accounts={prod} typed={sheet.typed} onType={setRestoreTyped} disabled={busy} lede="This changes a production account. Type its name to restore." />}
          {sheet.error && <ErrorBanner error={sheet.error} />}
          <div className="form-actions">
            <button type="button" className="button" onClick={closeRestore} disabled={busy} data-autofocus="">
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={!typed || busy} data-testid="restore-confirm">
              {busy ? 'Restoring…' : 'Restore'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
