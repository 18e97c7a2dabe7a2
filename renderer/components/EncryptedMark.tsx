import { Icon } from './Icon';

/** A grid cell's lock for encrypted snapshots (words for screen readers either way). */
export function EncryptedMark({ encrypted }: { encrypted: boolean }) {
  return encrypted ? (
    <span className="encrypted" title="Encrypted snapshots">
      <Icon name="lock" size={13} label="Encrypted" />
    </span>
  ) : (
    <span className="sr-only">Not encrypted</span>
  );
}
