import { useId } from 'react';
import { CheckField, Field } from '../../components/Field';
import { deprecationTime, type LifecycleKind } from '../../lib/lifecycle';
import { DEPRECATION_PRESETS, localLabel, utcLabel } from '../../lib/deprecationPresets';
import { chooseDeprecationPreset, setLifecycleOptions, type LifecycleSheet } from './lifecycleStore';

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
  if (kind === 'deprecate') return <DeprecateWhen sheet={sheet} id={`${uid}-at`} disabled={disabled} />;
  return null;
}

/**
 * When to deprecate: presets that fill the field, the field itself (local time, editable), and
 * the instant it means in UTC and in local time, as it will be sent.
 */
function DeprecateWhen({ sheet, id, disabled }: { sheet: LifecycleSheet; id: string; disabled: boolean }) {
  const check = deprecationTime(sheet.options.deprecateAt, Date.now());
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const current = sheet.currentDeprecation ? Date.parse(sheet.currentDeprecation) : NaN;
  return (
    <div className="deprecate-when">
      {Number.isFinite(current) && (
        <p className="muted" data-testid="lifecycle-deprecate-current">
          {current > Date.now() ? 'Deprecation set for' : 'Deprecated since'} {utcLabel(current)} ({localLabel(current)} your time).
        </p>
      )}
      <div className="deprecate-presets" role="group" aria-label="Deprecate in">
        {DEPRECATION_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className="chip-button"
            aria-pressed={sheet.options.deprecatePreset === preset.id}
            disabled={disabled}
            data-testid="deprecate-preset"
            data-preset={preset.id}
            onClick={() => chooseDeprecationPreset(preset.id)}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <Field id={id} label="Deprecate at" issues={'problem' in check ? [check.problem] : undefined} hint={`Your local time (${zone}).`}>
        <input
          id={id}
          type="datetime-local"
          value={sheet.options.deprecateAt}
          disabled={disabled}
          onChange={(e) => setLifecycleOptions({ deprecateAt: e.target.value, deprecatePreset: null })}
          data-testid="lifecycle-deprecate-at"
          data-autofocus=""
        />
      </Field>
      {'iso' in check && (
        <p className="deprecate-review" data-testid="lifecycle-deprecate-review" data-iso={check.iso}>
          Hidden from searches from <strong>{utcLabel(Date.parse(check.iso))}</strong> · {localLabel(Date.parse(check.iso))} ({zone})
        </p>
      )}
    </div>
  );
}
