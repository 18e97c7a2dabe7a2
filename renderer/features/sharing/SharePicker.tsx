import { useMemo, useState } from 'react';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { Palette, PaletteOption } from '../../components/Palette';
import { formatAccountId, plural } from '../../lib/format';
import { ownerNamed, rankShareOptions, type PickerOption } from '../../lib/shareTargets';
import { ownerIsRecipientMessage, type ImageRef } from '../../../shared/sharing';
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
  // Typing the owner finds no recipient: say it owns the images rather than "no match".
  const owner = useMemo(() => (workspace && options.length === 0 ? ownerNamed(workspace, ownerIds, query) : null), [workspace, options.length, ownerIds, query]);
  const at = Math.min(active, Math.max(0, options.length - 1));

  function choose(option: PickerOption | undefined) {
    if (option) openShareSheet(images, option.target, imageNames);
  }

  const what = images.length === 1 ? (imageNames[images[0]!.imageId] ?? images[0]!.imageId) : plural(images.length, 'AMI');
  return (
    <Palette
      title={`Share ${what} with…`}
      testId="share-picker"
      icon="user"
      inputLabel={`Share ${what} with`}
      placeholder={`Share ${what} with… client, account or account id`}
      listLabel="Recipients"
      query={query}
      onQuery={(q) => {
        setQuery(q);
        setActive(0);
      }}
      count={options.length}
      active={at}
      onMove={setActive}
      onChoose={(i) => choose(options[i])}
      onClose={close}
      empty={
        owner
          ? ownerIsRecipientMessage(owner.name, images.length)
          : query.trim()
            ? `No client or account matches “${query.trim()}”.`
            : 'No other verified account to share with. Add or verify an account first.'
      }
      footer={
        <>
          <span>
            <kbd>Enter</kbd> review the change
          </span>
          <span>A client means all of its accounts</span>
          <span className="palette-footer-end">{shiftShortcutLabel('S')}</span>
        </>
      }
    >
      {(optionId) =>
        options.map((option, i) => (
          <PickerRow key={`${option.target.kind}-${option.target.id}`} id={optionId(i)} option={option} active={i === at} onHover={() => setActive(i)} onChoose={() => choose(option)} />
        ))
      }
    </Palette>
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
    <PaletteOption
      id={id}
      active={active}
      onHover={onHover}
      onChoose={onChoose}
      className={`share-option${target.kind === 'client' ? ' is-client' : ''}`}
      data-testid="share-picker-option"
      data-kind={target.kind}
      data-target-id={target.id}
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
    </PaletteOption>
  );
}
