import { keyAvailability } from '../../lib/copyPlan';
import { Spinner } from '../../components/Spinner';
import { keysKey, loadKeys, useCopyStore } from './copyStore';

interface KmsKeyPickerProps {
  id: string;
  account: string;
  regions: readonly string[];
  value: string | null;
  disabled: boolean;
  onChange(alias: string | null): void;
}

/**
 * The copies' key, by alias. KMS keys are regional: the alias must exist in every destination
 * region, so each choice says where it is missing (the review then blocks those copies).
 */
export function KmsKeyPicker({ id, account, regions, value, disabled, onChange }: KmsKeyPickerProps) {
  const keys = useCopyStore((s) => s.keys);
  const byRegion = Object.fromEntries(regions.map((r) => [r, keys[keysKey(account, r)]?.status === 'ready' ? keys[keysKey(account, r)]?.keys : undefined]));
  const choices = keyAvailability(byRegion, regions).filter((k) => k.alias !== 'alias/aws/ebs');
  const loading = regions.some((r) => keys[keysKey(account, r)]?.status === 'loading');
  const failed = regions.filter((r) => keys[keysKey(account, r)]?.status === 'error');
  const chosen = choices.find((c) => c.alias === value);
  return (
    <div className="field copy-key">
      <label htmlFor={id}>
        KMS key {loading && <Spinner label="Loading keys" />}
      </label>
      <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value || null)} data-testid="copy-kms-key">
        <option value="">Default EBS key of each region (aws/ebs)</option>
        {choices.map((c) => (
          <option key={c.alias} value={c.alias}>
            {c.alias}
            {c.keyManager === 'AWS' ? ' (AWS managed)' : ''}
            {c.missing.length > 0 ? ` — missing in ${c.missing.join(', ')}` : ''}
          </option>
        ))}
      </select>
      <p className="field-hint">
        Keys are regional: the alias must exist in each destination region, and each copy uses that region’s key.
        {chosen && chosen.missing.length > 0 && <strong className="copy-key-missing"> {chosen.alias} is missing in {chosen.missing.join(', ')}: those copies will be blocked.</strong>}
      </p>
      {failed.map((r) => (
        <p key={r} className="field-error">
          Could not list keys in {r}: {keys[keysKey(account, r)]?.error?.message}{' '}
          <button type="button" className="link-button" onClick={() => void loadKeys(account, r, true)}>
            Retry
          </button>
        </p>
      ))}
    </div>
  );
}
