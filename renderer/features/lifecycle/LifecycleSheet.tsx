import { useEffect, useRef } from 'react';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { ActingAs } from '../../components/ActingAs';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/Spinner';
import { plural } from '../../lib/format';
import { ACTIONS } from '../../lib/lifecycle';
import { LifecycleOptions } from './LifecycleOptions';
import { LifecycleResults } from './LifecycleResults';
import { applyLifecycle, closeLifecycle, inspectImages, lifecycleBlock, productionTargets, setLifecycleTyped, useLifecycleStore, type LifecycleSheet as Sheet } from './lifecycleStore';
import { UsageList } from './UsageList';
import { TagSheetHost } from './TagSheet';

/** Mounted once at the app root: the confirm sheet of a lifecycle action, and the tag sheet. */
export function LifecycleSheetHost() {
  const sheet = useLifecycleStore((s) => s.sheet);
  return (
    <>
      {sheet && <LifecycleDialog sheet={sheet} />}
      <TagSheetHost />
    </>
  );
}

/** Deprecating images that already have a time changes it; the sheet says so. */
function infoOf(sheet: Sheet) {
  const info = ACTIONS[sheet.kind];
  return sheet.kind === 'deprecate' && sheet.currentDeprecation ? { ...info, verb: 'Change deprecation', confirm: 'Change deprecation' } : info;
}

function LifecycleDialog({ sheet }: { sheet: Sheet }) {
  const info = infoOf(sheet);
  const busy = sheet.phase === 'applying';
  const n = sheet.images.length;
  const only = sheet.images[0];
  const label = n === 1 && only ? (sheet.names[only.imageId] ?? only.imageId) : plural(n, 'AMI');
  return (
    <Dialog
      title={`${info.verb}${sheet.kind === 'deprecate' && sheet.currentDeprecation ? ' of' : ''} ${label}`}
      subtitle={<span className="dialog-context">{info.summary}</span>}
      onClose={busy ? () => undefined : closeLifecycle}
      dismissable={!busy}
      size={info.inspect ? 'wide' : 'normal'}
      testId="lifecycle-sheet"
      className="lifecycle-sheet"
      // A production name to type comes first (Enter then confirms only once it matches); else Cancel, or the date.
      initialFocus={sheet.kind !== 'deprecate' && productionTargets(sheet.images).length > 0 ? 'input[data-testid="prod-guard-input"]' : '[data-autofocus]'}
    >
      {sheet.phase === 'done' && sheet.results ? <DoneBody sheet={sheet} /> : <ConfirmBody sheet={sheet} />}
    </Dialog>
  );
}

function ConfirmBody({ sheet }: { sheet: Sheet }) {
  const info = infoOf(sheet);
  const inspecting = sheet.phase === 'inspecting';
  const applying = sheet.phase === 'applying';
  const block = lifecycleBlock(sheet);
  const prod = productionTargets(sheet.images);
  return (
    <form
      className="dialog-body sheet-body"
      onSubmit={(e) => {
        e.preventDefault();
        if (block === null && !applying) void applyLifecycle();
      }}
    >
      {sheet.kind === 'disable' && (
        <p className="tone-line is-warning">
          <Icon name="alert" size={14} /> Disabling removes every share of these images (accounts, organizations, public). Enabling later does not restore them.
        </p>
      )}
      <LifecycleOptions sheet={sheet} />
      {info.inspect && (
        <div className="lifecycle-usage sheet-scroll" aria-busy={inspecting || undefined}>
          {inspecting && <ProgressBar label="Checking whether the images are in use" />}
          {inspecting && <p className="muted">Reading last launch times, references, shares and snapshots…</p>}
          {sheet.error && !sheet.usage && <ErrorBanner error={sheet.error} onRetry={() => void inspectImages()} />}
          {sheet.usage && <UsageList usage={sheet.usage} kind={sheet.kind} deleteSnapshots={sheet.options.deleteSnapshots} />}
        </div>
      )}
      {!info.inspect && <ImageList sheet={sheet} />}
      <ActingAs accounts={sheet.images.map((i) => i.account)} />
      {prod.length > 0 && (
        <AccountsGuard accounts={prod} typed={sheet.typed} onType={setLifecycleTyped} disabled={applying} />
      )}
      {sheet.error && sheet.usage && <ErrorBanner error={sheet.error} />}
      {!info.inspect && sheet.error && <ErrorBanner error={sheet.error} />}
      {applying && <ProgressBar label={`${info.verb} in progress`} />}
      <div className="form-actions">
        {block && !inspecting && <span className="form-actions-note">{block}</span>}
        <button type="button" className="button" onClick={closeLifecycle} disabled={applying} data-autofocus={sheet.kind === 'deprecate' ? undefined : ''}>
          Cancel
        </button>
        <button
          type="submit"
          className={`button ${info.tone === 'danger' ? 'button-danger' : 'button-primary'}`}
          disabled={block !== null || applying}
          data-testid="lifecycle-confirm"
        >
          {applying ? 'Working…' : `${info.confirm}${sheet.images.length > 1 ? ` ${sheet.images.length} AMIs` : ''}`}
        </button>
      </div>
    </form>
  );
}

/** For actions that need no inspection: the images, named, so it is clear what changes. */
function ImageList({ sheet }: { sheet: Sheet }) {
  return (
    <ul className="list-box lifecycle-images" aria-label="Images">
      {sheet.images.map((ref) => (
        <li key={`${ref.account}|${ref.region}|${ref.imageId}`}>
          <span className="item-name">{sheet.names[ref.imageId] ?? ref.imageId}</span> <span className="mono-soft">{ref.imageId}</span>{' '}
          <span className="mono-soft">{ref.region}</span>
        </li>
      ))}
    </ul>
  );
}

function DoneBody({ sheet }: { sheet: Sheet }) {
  const doneRef = useRef<HTMLButtonElement>(null);
  useEffect(() => doneRef.current?.focus(), []);
  return (
    <div className="dialog-body sheet-body">
      {sheet.results && <LifecycleResults results={sheet.results} />}
      <div className="form-actions">
        <button ref={doneRef} type="button" className="button button-primary" onClick={closeLifecycle} data-testid="lifecycle-done">
          Done
        </button>
      </div>
    </div>
  );
}
