import { keyAvailability } from '../../lib/copyPlan';
import { Icon } from '../../components/Icon';
import { keysKey, updateCopyForm, useCopyStore, type CopyDialogState } from './copyStore';

/**
 * Why encryption is on (or off) when some of the images are encrypted: a copy of an encrypted
 * image is always encrypted, and in a mixed selection the box decides for the others only.
 */
export function EncryptionHint({ encrypted, plain, on }: { encrypted: number; plain: number; on: boolean }) {
  if (encrypted === 0) return null;
  if (plain === 0) {
    return <>A copy of an encrypted image is always encrypted.</>;
  }
  const some = `${encrypted} of the ${encrypted + plain} images ${encrypted === 1 ? 'is' : 'are'} encrypted, and a copy of an encrypted image is always encrypted.`;
  const others = plain === 1 ? 'the copy of the other image is' : `the copies of the other ${plain} images are`;
  return (
    <span data-testid="copy-encryption-why">
      {some}{' '}
      {on
        ? `Encryption is on so that ${others} encrypted too; turn it off to copy ${plain === 1 ? 'it' : 'them'} unencrypted.`
        : `Only ${encrypted === 1 ? 'its copy' : 'their copies'} will be encrypted; ${plain === 1 ? 'the other image is' : `the other ${plain} images are`} copied unencrypted.`}
    </span>
  );
}

/**
 * Said wherever copies would be encrypted with the AWS managed key (aws/ebs): such copies can
 * never be shared with another account. Offers a customer managed key found in every
 * destination region, or says how to get one.
 */
export function ManagedKeyNotice({ dialog, disabled }: { dialog: CopyDialogState; disabled: boolean }) {
  const keys = useCopyStore((s) => s.keys);
  const { form } = dialog;
  const loaded = (region: string) => keys[keysKey(dialog.destinationAccount, region)];
  const byRegion = Object.fromEntries(form.regions.map((r) => [r, loaded(r)?.status === 'ready' ? loaded(r)?.keys : undefined]));
  const choices = keyAvailability(byRegion, form.regions);
  const chosen = form.kmsKey === null ? null : choices.find((c) => c.alias === form.kmsKey);
  if (form.kmsKey !== null && chosen?.keyManager !== 'AWS') return null;
  const loading = form.regions.some((r) => loaded(r)?.status === 'loading');
  const offer = choices.find((c) => c.keyManager === 'CUSTOMER' && c.missing.length === 0 && c.regions.length === form.regions.length);
  return (
    <div className="issue-box issue-box-warning copy-managed-key" role="status" data-testid="copy-managed-key">
      <Icon name="alert" size={14} className="icon issue-box-icon" />
      <div className="issue-box-text">
        <p className="issue-box-message">
          Copies encrypted with the AWS managed key (aws/ebs) can never be shared with another account: AWS lets no other account use that key, so sharing
          them is refused.
        </p>
        {offer ? (
          <p className="issue-box-fix">
            To share them later, encrypt them with a customer managed key.{' '}
            <button type="button" className="button button-small" disabled={disabled} onClick={() => updateCopyForm({ kmsKey: offer.alias })} data-testid="copy-use-customer-key">
              Use {offer.alias}
            </button>
          </p>
        ) : (
          <p className="issue-box-fix">
            {loading
              ? 'Looking for customer managed keys in the destination regions…'
              : 'To share them later, encrypt them with a customer managed key: none exists in every destination region yet. Create one in KMS (a multi-Region key serves every region), then choose it above.'}
          </p>
        )}
      </div>
    </div>
  );
}
