import { useId, type InputHTMLAttributes } from 'react';
import type { Client } from '../../shared/model';
import { KNOWN_REGIONS } from '../lib/regions';
import { useAtlas } from '../store';

// A stable empty list: a fresh [] per render would make the store subscription loop.
const NO_CLIENTS: readonly Client[] = [];

type InputProps = InputHTMLAttributes<HTMLInputElement>;

/** A client name: pick an existing client or type a new one. */
export function ClientInput(props: InputProps) {
  const clients = useAtlas((s) => s.workspace?.clients ?? NO_CLIENTS);
  const listId = useId();
  return (
    <>
      <input placeholder="Acme" autoComplete="off" {...props} list={listId} />
      <datalist id={listId}>
        {clients.map((c) => (
          <option key={c.id} value={c.name} />
        ))}
      </datalist>
    </>
  );
}

/** A region name, with the common AWS regions (or the account's own list) as suggestions. */
export function RegionInput({ regions, ...props }: InputProps & { regions?: readonly string[] }) {
  const listId = useId();
  return (
    <>
      <input className="mono" spellCheck={false} autoComplete="off" {...props} list={listId} />
      <datalist id={listId}>
        {(regions ?? KNOWN_REGIONS).map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
    </>
  );
}
