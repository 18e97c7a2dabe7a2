import { useId } from 'react';
import { CheckField, Field } from '../../components/Field';
import { deprecationTime, type LifecycleKind } from '../../lib/lifecycle';
import { setLifecycleOptions, type LifecycleSheet } from './lifecycleStore';

/** The action's own choices: delete snapshots, when to deprecate, the protection cooldown. */
export function LifecycleOptions({ sheet }: { sheet: LifecycleSheet }) {
  const uid = useId();
  const disabled = sheet.phase !== 'ready';
  const kind: LifecycleKind = sheet.kind;
  if (kind === 'deregister') {
    return (
      <CheckField
        id={`${uid}-snapshots`}
        label="Also delete its snapshots"
        checked={sheet.options.deleteSnapshots}
        disabled={disabled}
        onChange={(on) => setLifecycleOptions({ deleteSnapshots: on })}
        hint="Deleted snapshots cannot be recovered. Without this, they stay (and keep costing storage)."
      />
    );
  }
  if (kind === 'protect') {
    return (
      <CheckField
        id={`${uid}-cooldown`}
        label="With a 24-hour cooldown"
        checked={sheet.options.cooldown}
        disabled={disabled}
        onChange={(on) => setLifecycleOptions({ cooldown: on })}
        hint="After protection is turned off, deregistering stays refused for another 24 hours."
      />
    );
  }
  if (kind === 'deprecate') {
    const check = deprecationTime(sheet.options.deprecateAt, Date.now());
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return (
      <Field id={`${uid}-at`} label="Deprecate at" issues={'problem' in check ? [check.problem] : undefined} hint={`Your local time (${zone}).`}>
        <input
          id={`${uid}-at`}
          type="datetime-local"
          value={sheet.options.deprecateAt}
          disabled={disabled}
          onChange={(e) => setLifecycleOptions({ deprecateAt: e.target.value })}
          data-testid="lifecycle-deprecate-at"
          data-autofocus=""
        />
      </Field>
    );
  }
  return null;
}
