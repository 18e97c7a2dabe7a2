import { useEffect, useId, useState } from 'react';
import { Field, fieldA11y } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { BUILD_DATE_TOKEN, normalizeAccountId } from '../../lib/builderDraft';
import { formatAccountId } from '../../lib/format';
import { useAtlas } from '../../store';
import { updateWizardForm, visibleIssues, visiblePlaceIssues, type WizardState } from './wizardStore';
import { DistributionRegionEditor } from './DistributionRegionEditor';

const list = (message: string | undefined) => (message ? [message] : undefined);

/** Where the AMIs go: regions (the account's enabled ones), their name, the accounts that may launch them, and each region's own settings. */
export function DistributionStep({ wizard }: { wizard: WizardState }) {
  const uid = useId();
  const issues = visibleIssues(wizard);
  const { form } = wizard;
  return (
    <div className="builder-fields">
      <RegionChoice wizard={wizard} issue={issues.regions} />
      <Field
        id={`${uid}-ami`}
        label="AMI name"
        issues={list(issues.amiName)}
        hint={
          <>
            Each build needs a new name: keep <code>{BUILD_DATE_TOKEN}</code> in it.
          </>
        }
      >
        <input {...fieldA11y(`${uid}-ami`, list(issues.amiName))} className="mono" value={form.amiName} spellCheck={false} onChange={(e) => updateWizardForm({ amiName: e.target.value })} />
      </Field>
      <ShareChoice wizard={wizard} issue={issues.shareWith} />
      <RegionSettings wizard={wizard} />
    </div>
  );
}

/** Per chosen region: organizations and OUs, copies, KMS key, launch templates, AMI tags. */
function RegionSettings({ wizard }: { wizard: WizardState }) {
  const issue = visiblePlaceIssues(wizard).regionSettings;
  const regions = [...wizard.form.regions].sort((a, b) => Number(b === wizard.region) - Number(a === wizard.region) || a.localeCompare(b));
  if (regions.length === 0) return null;
  return (
    <fieldset className="builder-choice">
      <legend>Per region</legend>
      {issue && (
        <p className="field-error" role="alert">
          {issue}
        </p>
      )}
      <div className="builder-region-editors">
        {regions.map((region) => (
          <DistributionRegionEditor key={region} wizard={wizard} region={region} />
        ))}
      </div>
    </fieldset>
  );
}

function RegionChoice({ wizard, issue }: { wizard: WizardState; issue: string | undefined }) {
  const regionsState = useAtlas((s) => s.regionsByAccount[wizard.account]);
  const loadRegions = useAtlas((s) => s.loadRegions);
  useEffect(() => {
    if (!regionsState) void loadRegions(wizard.account);
  }, [regionsState, loadRegions, wizard.account]);
  const enabled = (regionsState?.regions ?? []).filter((r) => r.enabled).map((r) => r.name);
  // The build's own region is always offered, even before the list arrives.
  const names = [...new Set([wizard.region, ...enabled, ...wizard.form.regions])].sort();
  const toggle = (region: string) =>
    updateWizardForm((f) => ({ regions: f.regions.includes(region) ? f.regions.filter((r) => r !== region) : [...f.regions, region] }));
  return (
    <fieldset className={`builder-choice${issue ? ' has-error' : ''}`}>
      <legend>Regions</legend>
      <div className="builder-region-grid" data-testid="wizard-regions">
        {names.map((region, i) => (
          <label key={region} className="builder-check">
            <input type="checkbox" checked={wizard.form.regions.includes(region)} onChange={() => toggle(region)} data-autofocus={i === 0 ? '' : undefined} />
            <span className="mono">{region}</span>
            {region === wizard.region && <span className="muted">(built here)</span>}
          </label>
        ))}
      </div>
      {regionsState?.status === 'loading' && <p className="field-hint">Reading the account’s enabled regions…</p>}
      {regionsState?.status === 'error' && <p className="field-hint">The account’s regions could not be read: {regionsState.error?.message}</p>}
      {issue && (
        <p className="field-error" role="alert">
          {issue}
        </p>
      )}
    </fieldset>
  );
}

/** Accounts of the workspace by name, or any 12-digit id typed in. */
function ShareChoice({ wizard, issue }: { wizard: WizardState; issue: string | undefined }) {
  const uid = useId();
  const accounts = useAtlas((s) => s.workspace?.accounts ?? []);
  const own = accounts.find((a) => a.id === wizard.account)?.awsAccountId;
  const known = accounts.filter((a) => a.awsAccountId && a.awsAccountId !== own);
  const [typed, setTyped] = useState('');
  const [typedIssue, setTypedIssue] = useState<string | null>(null);
  const selected = wizard.form.shareWith;
  const toggle = (id: string) => updateWizardForm((f) => ({ shareWith: f.shareWith.includes(id) ? f.shareWith.filter((x) => x !== id) : [...f.shareWith, id] }));
  const others = selected.filter((id) => !known.some((a) => a.awsAccountId === id));

  function add() {
    const id = normalizeAccountId(typed);
    if (!id) {
      setTypedIssue('A 12-digit AWS account id, e.g. 1234-5678-9012.');
      return;
    }
    if (id === own) {
      setTypedIssue('That is this account: it can always launch its own AMIs.');
      return;
    }
    setTypedIssue(null);
    setTyped('');
    if (!selected.includes(id)) updateWizardForm((f) => ({ shareWith: [...f.shareWith, id] }));
  }

  return (
    <fieldset className="builder-choice">
      <legend>Share with (launch permission)</legend>
      {known.length > 0 && (
        <div className="builder-region-grid builder-share-grid" data-testid="wizard-share">
          {known.map((a) => (
            <label key={a.id} className="builder-check">
              <input type="checkbox" checked={selected.includes(a.awsAccountId!)} onChange={() => toggle(a.awsAccountId!)} />
              <span>{a.name}</span>
              <span className="mono-soft">{formatAccountId(a.awsAccountId)}</span>
              {a.production && <span className="badge badge-prod">PROD</span>}
            </label>
          ))}
        </div>
      )}
      {others.length > 0 && (
        <ul className="builder-chips" aria-label="Other accounts">
          {others.map((id) => (
            <li key={id} className="builder-chip mono">
              {formatAccountId(id)}
              <button type="button" className="icon-button" aria-label={`Remove ${id}`} onClick={() => toggle(id)}>
                <Icon name="close" size={11} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="builder-add-id">
        <label htmlFor={`${uid}-id`} className="sr-only">
          Another account id
        </label>
        <input
          id={`${uid}-id`}
          className="mono"
          placeholder="Another account: 12-digit id"
          value={typed}
          aria-invalid={typedIssue ? true : undefined}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds the id here instead of moving to the next step.
            if (e.key === 'Enter' && typed.trim()) {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button-small" onClick={add} disabled={!typed.trim()}>
          Add
        </button>
      </div>
      {(typedIssue ?? issue) && (
        <p className="field-error" role="alert">
          {typedIssue ?? issue}
        </p>
      )}
    </fieldset>
  );
}
