/** Lifecycle actions as the page offers them: labels, which need a look first, and their inputs. Pure. */
import type { ImageUsage, LifecycleAction, LifecycleItemResult } from '../../shared/lifecycle';
import type { DeprecationPreset } from './deprecationPresets';

export type LifecycleKind = LifecycleAction['kind'];

export interface ActionInfo {
  /** Menu and title verb: "Deregister". */
  verb: string;
  /** The confirm button. */
  confirm: string;
  /** One sentence on what it does. */
  summary: string;
  tone: 'danger' | 'primary';
  /** Usage (in use? shared? snapshots) is read before confirming. */
  inspect: boolean;
}

export const ACTIONS: Record<LifecycleKind, ActionInfo> = {
  deregister: {
    verb: 'Deregister',
    confirm: 'Deregister',
    summary: 'Nobody can launch instances from it any more; running instances keep running.',
    tone: 'danger',
    inspect: true,
  },
  deprecate: {
    verb: 'Deprecate',
    confirm: 'Deprecate',
    summary: 'From the chosen time it is hidden from searches; it can still be launched by its ID.',
    tone: 'primary',
    inspect: false,
  },
  undeprecate: { verb: 'Cancel deprecation', confirm: 'Cancel deprecation', summary: 'Removes the deprecation time.', tone: 'primary', inspect: false },
  disable: {
    verb: 'Disable',
    confirm: 'Disable',
    summary: 'Nobody can launch it until it is enabled again. Disabling removes all its shares; enabling does not bring them back.',
    tone: 'danger',
    inspect: true,
  },
  enable: { verb: 'Enable', confirm: 'Enable', summary: 'It can be launched again (its earlier shares are not restored).', tone: 'primary', inspect: false },
  protect: {
    verb: 'Turn on deregistration protection',
    confirm: 'Turn on protection',
    summary: 'Deregistering it is refused until protection is turned off.',
    tone: 'primary',
    inspect: false,
  },
  unprotect: {
    verb: 'Turn off deregistration protection',
    confirm: 'Turn off protection',
    summary: 'It can be deregistered again (after the cooldown, if one was set).',
    tone: 'primary',
    inspect: false,
  },
};

export interface ActionOptions {
  deleteSnapshots: boolean;
  cooldown: boolean;
  /** `<input type="datetime-local">` value, local time. */
  deprecateAt: string;
  /** The preset that filled `deprecateAt`, until the field is edited by hand. */
  deprecatePreset?: DeprecationPreset | null;
}

/** "2026-12-01T09:30" (local) → ISO with offset, or why it is not usable. */
export function deprecationTime(local: string, now: number): { iso: string } | { problem: string } {
  if (!local) return { problem: 'Choose a date and time.' };
  const ms = Date.parse(local);
  if (!Number.isFinite(ms)) return { problem: 'That is not a date and time.' };
  if (ms <= now) return { problem: 'Choose a time in the future.' };
  return { iso: new Date(ms).toISOString() };
}

/** The datetime-local value (local time, to the minute) of an instant. */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The action as the contract sends it, or why the form is not complete. */
export function buildAction(kind: LifecycleKind, options: ActionOptions, now: number): { action: LifecycleAction } | { problem: string } {
  switch (kind) {
    case 'deregister':
      return { action: { kind, deleteSnapshots: options.deleteSnapshots } };
    case 'deprecate': {
      const at = deprecationTime(options.deprecateAt, now);
      return 'problem' in at ? at : { action: { kind, at: at.iso } };
    }
    case 'protect':
      return { action: { kind, cooldown: options.cooldown } };
    default:
      return { action: { kind } };
  }
}

/** Reasons to think twice, per image: in use, launched lately, shared, protected. */
export function usageWarnings(usage: ImageUsage, kind: LifecycleKind): string[] {
  const out: string[] = [];
  if (usage.references.length > 0) out.push(`Still used by ${usage.references.length} resource${usage.references.length === 1 ? '' : 's'}.`);
  if (usage.sharedWith.length > 0 && kind === 'disable') out.push(`Disabling removes its ${usage.sharedWith.length} share${usage.sharedWith.length === 1 ? '' : 's'}.`);
  if (usage.sharedWith.length > 0 && kind === 'deregister') out.push(`Shared with ${usage.sharedWith.length}: they lose it too.`);
  if (kind === 'deregister' && protectionBlocks(usage.deregistrationProtection)) {
    out.push(
      usage.deregistrationProtection?.startsWith('disabled-until-')
        ? `Deregistration protection was turned off, but its cooldown runs until ${usage.deregistrationProtection.slice('disabled-until-'.length)}: AWS will refuse until then.`
        : 'Deregistration protection is on: AWS will refuse until it is turned off.',
    );
  }
  return out;
}

/**
 * AWS's DeregistrationProtection reads "disabled", "enabled", "enabled-with-cooldown" or
 * "disabled-until-<time>" (off, but the cooldown still refuses). Only "disabled" lets a
 * deregistration through.
 */
export function protectionBlocks(value: string | null): boolean {
  return !!value && value !== 'disabled';
}

/** "On", "On, 24-hour cooldown", "Off until …", or null when off. */
export function protectionLabel(value: string | null): string | null {
  if (!value || value === 'disabled') return null;
  if (value === 'enabled-with-cooldown') return 'On, with a 24-hour cooldown';
  if (value.startsWith('enabled')) return 'On';
  if (value.startsWith('disabled-until-')) return `Off; cooldown until ${value.slice('disabled-until-'.length)}`;
  return value;
}

export interface ResultCounts {
  changed: number;
  unchanged: number;
  failed: number;
}

export function resultCounts(results: readonly LifecycleItemResult[]): ResultCounts {
  const c: ResultCounts = { changed: 0, unchanged: 0, failed: 0 };
  for (const r of results) c[r.outcome]++;
  return c;
}

/** Groups "arn:aws:ec2:…:instance/i-…" references by resource type, with counts. */
export function referenceGroups(references: ImageUsage['references']): Array<{ type: string; arns: string[] }> {
  const map = new Map<string, string[]>();
  for (const r of references) map.set(r.resourceType, [...(map.get(r.resourceType) ?? []), r.arn]);
  return [...map.entries()].map(([type, arns]) => ({ type, arns })).sort((a, b) => a.type.localeCompare(b.type));
}
