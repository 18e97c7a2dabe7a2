import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { ImageRef } from '../../../shared/sharing';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { formatAccountId, plural } from '../../lib/format';
import { rankShareOptions, type PickerOption } from '../../lib/shareTargets';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { shiftShortcutLabel } from '../../lib/keyboard';

/** Mounted once at the app root; open while the store holds images to share. */
export function SharePickerHost() {
  const picker = useAtlas((s) => s.sharePicker);
  if (!picker) return null;
  return <SharePicker images={picker.images} imageNames={picker.imageNames} />;
}

/**
 * "Share with…": type part of a client, account, alias or account id; Enter opens the confirm
 * sheet for that client (all its accounts) or that account. The keyboard twin of a drop.
 */
function SharePicker({ images, imageNames }: { images: ImageRef[]; imageNames: Record<string, string> }) {
  const workspace = useAtlas((s) => s.workspace);
  const close = useAtlas((s) => s.closeSharePicker);
  const openShareSheet = useAtlas((s) => s.openShareSheet);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const uid = useId();

  // The images' owners are never recipients.
  const ownerIds = useMemo(() => {
    const ids = new Set<string>();
    for (const ref of images) {
      const id = findAccount(workspace, ref.account)?.awsAccountId;
      if (id) ids.add(id);
    }
    return ids;
  }, [images, workspace]);
  const options = useMemo(() => (workspace ? rankShareOptions(workspace, ownerIds, query) : []), [workspace, ownerIds, query]);
  const at = Math.min(active, Math.max(0, options.length - 1));
  const optionId = (i: number) => `${uid}-option-${i}`;

  useEffect(() => {
    document.getElementById(`${uid}-option-${at}`)?.scrollIntoView({ block: 'nearest' });
  }, [at, uid]);

  function choose(option: PickerOption | undefined) {
    if (option) openShareSheet(images, option.target, imageNames);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const n = options.length;
    if (event.key === 'ArrowDown') setActive(n ? (at + 1) % n : 0);
    else if (event.key === 'ArrowUp') setActive(n ? (at - 1 + n) % n : 0);
    else if (event.key === 'Enter') choose(options[at]);
    else return;
    event.preventDefault();
  }

  const what = images.length === 1 ? (imageNames[images[0]!.imageId] ?? images[0]!.imageId) : plural(images.length, 'AMI');
  return (
    <Dialog title={`Share ${what} with…`} onClose={close} chrome={false} size="palette" className="palette" testId="share-picker">
      <div className="palette-input-row">
        <Icon name="user" size={15} className="icon palette-input-icon" />
        <input
          className="palette-input"
          aria-label={`Share ${what} with`}
          placeholder={`Share ${what} with… client, account or account id`}
          role="combobox"
          aria-expanded="true"
          aria-controls={`${uid}-list`}
          aria-activedescendant={options.length ? optionId(at) : undefined}
          aria-autocomplete="list"
          autoComplete="off"
          spellCheck={false}
          data-autofocus=""
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd className="palette-kbd">Esc</kbd>
      </div>
      <div className="palette-list" role="listbox" id={`${uid}-list`} aria-label="Recipients">
        {options.length === 0 && (
          <p className="palette-empty" role="status">
            {query.trim() ? `No client or account matches “${query.trim()}”.` : 'No other verified account to share with. Add or verify an account first.'}
          </p>
        )}
        {options.map((option, i) => (
          <PickerRow key={`${option.target.kind}-${option.target.id}`} id={optionId(i)} option={option} active={i === at} onHover={() => setActive(i)} onChoose={() => choose(option)} />
        ))}
      </div>
      <footer className="palette-footer" aria-hidden="true">
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> move
        </span>
        <span>
          <kbd>Enter</kbd> review the change
        </span>
        <span>A client means all of its accounts</span>
        <span className="palette-footer-end">{shiftShortcutLabel('S')}</span>
      </footer>
    </Dialog>
  );
}

interface PickerRowProps {
  id: string;
  option: PickerOption;
  active: boolean;
  onHover(): void;
  onChoose(): void;
}

function PickerRow({ id, option, active, onHover, onChoose }: PickerRowProps) {
  const { target } = option;
  const account = target.kind === 'account' ? target.accounts[0] : undefined;
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      className={`palette-option share-option${active ? ' is-active' : ''}${target.kind === 'client' ? ' is-client' : ''}`}
      data-testid="share-picker-option"
      data-kind={target.kind}
      data-target-id={target.id}
      onMouseMove={active ? undefined : onHover}
      // mousedown, not click: the input keeps focus.
      onMouseDown={(e) => {
        e.preventDefault();
        onChoose();
      }}
    >
      <ClientDot color={option.color ?? undefined} />
      <span className="palette-option-main">
        <span className="palette-option-name">{target.label}</span>
        {target.kind === 'client' && <span className="palette-option-alias">all accounts: {target.accounts.map((a) => a.name).join(', ')}</span>}
      </span>
      <span className="palette-option-client">{target.kind === 'client' ? 'Client' : option.clientName}</span>
      <span className="palette-option-id mono">{account ? formatAccountId(account.awsAccountId) : plural(target.accounts.length, 'account')}</span>
      <span className="palette-option-flags">
        {target.accounts.some((a) => a.production) && (
          <Badge tone="prod" title={target.kind === 'client' ? 'Includes a production account' : 'Production account'}>
            PROD
          </Badge>
        )}
      </span>
    </div>
  );
}
