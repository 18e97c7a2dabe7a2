import { useId, useState } from 'react';
import type { ComponentChoice } from '../../../shared/imagebuilder';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CheckField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { SkeletonLines } from '../../components/Spinner';
import { arnTail } from '../../lib/builder';
import { filterComponents, moveItem } from '../../lib/builderDraft';
import { basePlatform, baseKey, useBaseImageCheck } from './wizardChecks';
import { loadComponents, updateWizardForm, visibleIssues, type WizardState } from './wizardStore';

/** Build components, in the order they run. */
export function ComponentsStep({ wizard }: { wizard: WizardState }) {
  const issues = visibleIssues(wizard);
  return (
    <ComponentPicker
      wizard={wizard}
      type="BUILD"
      selected={wizard.form.components}
      ordered
      issue={issues.components}
      onChange={(components) => updateWizardForm({ components })}
    />
  );
}

/** Test components run on an instance of the new image; tests can be turned off. */
export function TestsStep({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const issues = visibleIssues(wizard);
  return (
    <div className="builder-fields">
      <CheckField
        id={`${uid}-tests`}
        label="Test the image before distributing it"
        checked={wizard.form.testsEnabled}
        onChange={(testsEnabled) => updateWizardForm({ testsEnabled })}
        hint="Off: the image is distributed as soon as it is built."
      />
      {wizard.form.testsEnabled && (
        <ComponentPicker wizard={wizard} type="TEST" selected={wizard.form.tests} ordered={false} issue={issues.tests} onChange={(tests) => updateWizardForm({ tests })} />
      )}
    </div>
  );
}

interface PickerProps {
  wizard: WizardState;
  type: ComponentChoice['type'];
  selected: readonly string[];
  ordered: boolean;
  issue: string | undefined;
  onChange(next: string[]): void;
}

/** Components of this account and region (own ones first, then Amazon's): filter, add, order, remove. */
function ComponentPicker({ wizard, type, selected, ordered, issue, onChange }: PickerProps) {
  const uid = useId();
  const [query, setQuery] = useState('');
  const [owner, setOwner] = useState<'all' | ComponentChoice['owner']>('all');
  const { status, list, error } = wizard.components;
  const byArn = new Map(list.map((c) => [c.arn, c]));
  const base = useBaseImageCheck(wizard);
  // Components of another platform than the base image's cannot go in its recipe: not offered.
  const platform = basePlatform(wizard, base);
  const matching = filterComponents(list, type, query, owner).filter((c) => !selected.includes(c.arn));
  const available = platform ? matching.filter((c) => c.platform === platform) : matching;
  const hidden = matching.length - available.length;
  const mismatch = base.status === 'done' && base.key === baseKey(wizard) && base.result && !base.result.ok && base.result.reason === 'mismatch' ? base.result.message : null;
  const noun = type === 'BUILD' ? 'build component' : 'test';

  return (
    <div className="builder-picker" data-testid={`picker-${type.toLowerCase()}`}>
      <div className="builder-picker-filter">
        <label className="sr-only" htmlFor={`${uid}-q`}>
          Filter {noun}s
        </label>
        <input id={`${uid}-q`} type="search" placeholder={`Filter ${noun}s…`} value={query} onChange={(e) => setQuery(e.target.value)} data-autofocus="" />
        <label className="sr-only" htmlFor={`${uid}-owner`}>
          Owner
        </label>
        <select id={`${uid}-owner`} value={owner} onChange={(e) => setOwner(e.target.value as typeof owner)}>
          <option value="all">Self and Amazon</option>
          <option value="Self">Self</option>
          <option value="Amazon">Amazon</option>
        </select>
      </div>
      {error && <ErrorBanner error={error} onRetry={() => void loadComponents()} />}
      {platform && hidden > 0 && (
        <p className="muted check-hidden-note" data-testid="components-hidden">
          {hidden} {hiddenPlatforms(matching, platform)} {hidden === 1 ? noun : `${noun}s`} {hidden === 1 ? 'is' : 'are'} not offered: the base image is {platform}.
        </p>
      )}
      {mismatch && (
        <p className="field-error" role="alert" data-testid="components-mismatch">
          {mismatch}
        </p>
      )}
      <div className="builder-picker-cols">
        <section aria-label={`Available ${noun}s`} className="builder-picker-col">
          <h4 className="section-title">Available</h4>
          {status === 'loading' && list.length === 0 ? (
            <SkeletonLines count={5} />
          ) : available.length === 0 ? (
            <p className="muted builder-picker-none">
              {hidden > 0 ? `No ${platform} ${noun}s match.` : list.some((c) => c.type === type) ? `No other ${noun}s match.` : `No ${noun}s in this region.`}
            </p>
          ) : (
            <ul className="builder-picker-list">
              {available.map((c) => (
                <li key={c.arn}>
                  <button type="button" className="builder-picker-item" onClick={() => onChange([...selected, c.arn])} aria-label={`Add ${c.name} ${c.version}`} data-testid="component-add" data-name={c.name}>
                    <Icon name="plus" size={12} />
                    <span className="mono">{c.name}</span>
                    <span className="mono-soft">{c.version}</span>
                    <span className={`badge badge-${c.owner === 'Self' ? 'accent' : 'neutral'}`}>{c.owner}</span>
                    {c.description && <span className="muted builder-picker-desc">{c.description}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label={`Chosen ${noun}s`} className="builder-picker-col">
          <h4 className="section-title">{ordered ? 'Chosen, in the order they run' : 'Chosen'}</h4>
          {selected.length === 0 ? (
            <p className={issue ? 'field-error' : 'muted builder-picker-none'} role={issue ? 'alert' : undefined}>
              {issue ?? `None yet: add ${noun}s from the list.`}
            </p>
          ) : (
            <ol className="builder-picker-list builder-chosen" data-testid="chosen-components">
              {selected.map((arn, i) => {
                const c = byArn.get(arn);
                const label = c ? `${c.name} ${c.version}` : arnTail(arn);
                return (
                  <li key={arn} className={`builder-chosen-item${platform && c && c.platform !== platform ? ' is-other-platform' : ''}`} data-name={c?.name} data-platform={c?.platform}>
                    {ordered && <span className="muted builder-chosen-num">{i + 1}</span>}
                    <span className="mono builder-chosen-name" title={arn}>
                      {c?.name ?? arnTail(arn)}
                    </span>
                    <span className="mono-soft">{c?.version}</span>
                    {ordered && (
                      <>
                        <button type="button" className="icon-button" aria-label={`Move ${label} up`} disabled={i === 0} onClick={() => onChange(moveItem(selected, i, -1))}>
                          <Icon name="chevronRight" size={12} className="icon builder-up" />
                        </button>
                        <button type="button" className="icon-button" aria-label={`Move ${label} down`} disabled={i === selected.length - 1} onClick={() => onChange(moveItem(selected, i, 1))}>
                          <Icon name="chevronRight" size={12} className="icon builder-down" />
                        </button>
                      </>
                    )}
                    <button type="button" className="icon-button" aria-label={`Remove ${label}`} onClick={() => onChange(selected.filter((a) => a !== arn))}>
                      <Icon name="close" size={12} />
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
          {issue && selected.length > 0 && (
            <p className="field-error" role="alert">
              {issue}
            </p>
          )}
        </section>
      </div>
    </div>
  );
}

/** "Windows" (or "Windows and macOS"): the platforms of the components not offered. */
function hiddenPlatforms(matching: readonly ComponentChoice[], platform: string): string {
  const others = [...new Set(matching.filter((c) => c.platform !== platform).map((c) => c.platform))].sort();
  return others.join(' and ');
}
