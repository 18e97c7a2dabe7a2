import { useEffect, useId, useState } from 'react';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import type { AppError } from '../../../shared/errors';
import type { NetworkChoices } from '../../../shared/imagebuilder';
import { invoke, toAppError } from '../../api';
import { normalizeLaunchTarget, orgTargetKind, orgTargetProblem, parseAmiTags, regionPlace, type LaunchTemplateUpdate, type OrgTargetKind } from '../../lib/builderPlace';
import { formatAccountId } from '../../lib/format';
import { useAtlas } from '../../store';
import { loadNetworkChoices, loadWizardKmsKeys, updateRegionPlace, type WizardState } from './wizardStore';

/**
 * One distribution region beyond its AMI name: the organizations and OUs that may launch the AMI
 * (ARNs checked as typed), the accounts it is copied to, the region's KMS key, AMI tags, and the
 * launch templates that get a new version with the AMI.
 */
export function DistributionRegionEditor({ wizard, region }: { wizard: WizardState; region: string }) {
  const uid = useId();
  const r = regionPlace(wizard.place, region);
  useEffect(() => {
    void loadWizardKmsKeys(region);
    void loadNetworkChoices(region);
  }, [region]);
  const tagsProblem = parseAmiTags(r.amiTags).problem;
  return (
    <section className="builder-region-editor" data-testid="region-editor" data-region={region} aria-labelledby={`${uid}-title`}>
      <h4 className="builder-region-editor-title" id={`${uid}-title`}>
        <span className="mono">{region}</span>
        {region === wizard.region && <span className="muted"> (built here)</span>}
      </h4>
      <OrgTargets region={region} targets={r.orgTargets} />
      <TargetAccounts wizard={wizard} region={region} selected={r.targetAccountIds} />
      <RegionKmsKey wizard={wizard} region={region} value={r.kmsKeyArn} />
      <LaunchTemplates wizard={wizard} region={region} />
      <div className="field">
        <label htmlFor={`${uid}-tags`}>AMI tags</label>
        <input
          id={`${uid}-tags`}
          className="mono"
          value={r.amiTags}
          placeholder="Team=platform, Env=prod"
          spellCheck={false}
          aria-invalid={tagsProblem ? true : undefined}
          onChange={(e) => updateRegionPlace(region, () => ({ amiTags: e.target.value }))}
          data-testid="region-ami-tags"
        />
        {tagsProblem ? <p className="field-error">{tagsProblem}</p> : <p className="field-hint">Key=Value pairs, separated by commas; put on this region’s AMI.</p>}
      </div>
    </section>
  );
}

/** Account ids, organization ARNs and OU ARNs that may launch the AMI here: checked as typed, added with Enter or Add. */
function OrgTargets({ region, targets }: { region: string; targets: string[] }) {
  const uid = useId();
  const [typed, setTyped] = useState('');
  const [tried, setTried] = useState(false);
  const problem = orgTargetProblem(typed) ?? (tried && !typed.trim() ? 'Paste an organization or OU ARN.' : null);
  const kind = orgTargetKind(normalizeLaunchTarget(typed));
  const accounts = useAtlas((s) => s.workspace?.accounts ?? []);
  const label = (target: string) => (orgTargetKind(target) === 'account' ? (accounts.find((a) => a.awsAccountId === target)?.name ?? formatAccountId(target)) : target.split('/').at(-1));

  function add() {
    setTried(true);
    const arn = normalizeLaunchTarget(typed);
    if (!arn || !orgTargetKind(arn)) return;
    setTyped('');
    setTried(false);
    if (!targets.includes(arn)) updateRegionPlace(region, (cur) => ({ orgTargets: [...cur.orgTargets, arn] }));
  }

  return (
    <div className="builder-subfield">
      <label className="builder-subfield-label" htmlFor={`${uid}-org`}>
        Also launchable by (this region only)
      </label>
      {targets.length > 0 && (
        <ul className="builder-chips" aria-label={`Who may launch the AMI in ${region}`}>
          {targets.map((arn) => (
            <li key={arn} className="builder-chip" data-testid="org-target">
              <span className="builder-chip-kind">{CHIP_KIND[orgTargetKind(arn) ?? 'account']}</span>
              <span className="mono">{label(arn)}</span>
              <button type="button" className="icon-button" aria-label={`Remove ${arn}`} title={arn} onClick={() => updateRegionPlace(region, (cur) => ({ orgTargets: cur.orgTargets.filter((a) => a !== arn) }))}>
                <Icon name="close" size={11} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="builder-add-id">
        <input
          id={`${uid}-org`}
          className="mono builder-arn-input"
          placeholder="Account id, or arn:aws:organizations::…:ou/o-…/ou-…"
          value={typed}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${uid}-org-note`}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds the ARN here instead of moving to the next step.
            if (e.key === 'Enter' && typed.trim()) {
              e.preventDefault();
              add();
            }
          }}
          data-testid="org-target-input"
        />
        <button type="button" className="button button-small" onClick={add} disabled={!typed.trim()}>
          Add
        </button>
      </div>
      <p id={`${uid}-org-note`} className={problem ? 'field-error' : 'field-hint'} role={problem ? 'alert' : undefined}>
        {problem ??
          (kind === 'ou'
            ? 'An organizational unit: every account in it may launch the AMI.'
            : kind === 'organization'
              ? 'A whole organization: every account in it may launch the AMI.'
              : kind === 'account'
                ? 'One account may launch the AMI (beside those chosen above for every region).'
                : 'A 12-digit account id, or an organization or OU ARN (every account in it may launch the AMI).')}
      </p>
    </div>
  );
}

const CHIP_KIND: Record<OrgTargetKind, string> = { account: 'Account', organization: 'Org', ou: 'OU' };

/** The workspace's other accounts, by name: each gets its own copy of the AMI. */
function TargetAccounts({ wizard, region, selected }: { wizard: WizardState; region: string; selected: string[] }) {
  const uid = useId();
  const accounts = useAtlas((s) => s.workspace?.accounts ?? []);
  const own = accounts.find((a) => a.id === wizard.account)?.awsAccountId;
  const others = accounts.filter((a) => a.awsAccountId && a.awsAccountId !== own);
  if (others.length === 0) return null;
  const toggle = (id: string) =>
    updateRegionPlace(region, (cur) => ({ targetAccountIds: cur.targetAccountIds.includes(id) ? cur.targetAccountIds.filter((x) => x !== id) : [...cur.targetAccountIds, id] }));
  return (
    <details className="builder-subfield builder-copy-to" open={selected.length > 0 ? true : undefined}>
      <summary id={`${uid}-copy`}>
        Copy into other accounts{selected.length > 0 ? ` (${selected.length})` : ''}
      </summary>
      <div className="builder-region-grid builder-share-grid" role="group" aria-labelledby={`${uid}-copy`}>
        {others.map((a) => (
          <label key={a.id} className="builder-check">
            <input type="checkbox" checked={selected.includes(a.awsAccountId!)} onChange={() => toggle(a.awsAccountId!)} />
            <span>{a.name}</span>
            <span className="mono-soft">{formatAccountId(a.awsAccountId)}</span>
          </label>
        ))}
      </div>
      <p className="field-hint">Each account gets its own AMI; it must allow Image Builder’s cross-account distribution role.</p>
    </details>
  );
}

/** The region's KMS keys by alias (keys are regional: each region picks its own). */
function RegionKmsKey({ wizard, region, value }: { wizard: WizardState; region: string; value: string | null }) {
  const uid = useId();
  const load = wizard.kmsKeys[region];
  const keys = (load?.value ?? []).filter((k) => k.alias !== 'alias/aws/ebs');
  const chosen = keys.find((k) => k.arn === value);
  return (
    <div className="field">
      <label htmlFor={`${uid}-kms`}>KMS key {load?.status === 'loading' && <Spinner label="Loading keys" />}</label>
      <select id={`${uid}-kms`} value={value ?? ''} onChange={(e) => updateRegionPlace(region, () => ({ kmsKeyArn: e.target.value || null }))} data-testid="region-kms-key">
        <option value="">Default EBS key of {region} (aws/ebs)</option>
        {keys.map((k) => (
          <option key={k.arn} value={k.arn}>
            {k.alias}
            {k.keyManager === 'AWS' ? ' (AWS managed)' : ''}
          </option>
        ))}
        {value && !chosen && <option value={value}>{value}</option>}
      </select>
      {load?.status === 'error' ? (
        <p className="field-error">
          Could not list keys in {region}: {load.error?.message}{' '}
          <button type="button" className="link-button" onClick={() => void loadWizardKmsKeys(region, true)}>
            Retry
          </button>
        </p>
      ) : (
        <p className="field-hint">{chosen ? <span className="mono-soft builder-wrap">{chosen.arn}</span> : 'Accounts the AMI is shared with or copied to need use of a customer managed key.'}</p>
      )}
    </div>
  );
}

/**
 * Launch templates that get a new version with the AMI: the pipeline's account's, or those of an
 * account the AMI is copied to in this region (each account's own copy goes into its templates).
 */
function LaunchTemplates({ wizard, region }: { wizard: WizardState; region: string }) {
  const uid = useId();
  const r = regionPlace(wizard.place, region);
  const chosen = r.launchTemplates;
  const accounts = useAtlas((s) => s.workspace?.accounts ?? []);
  const copies = accounts.filter((a) => a.awsAccountId && r.targetAccountIds.includes(a.awsAccountId));
  const [inAccount, setInAccount] = useState<string | null>(null);
  const other = copies.find((a) => a.awsAccountId === inAccount) ?? null;
  const ownLoad = wizard.network[region];
  const otherLoad = useOtherAccountTemplates(other?.id ?? null, region);
  const load = other ? otherLoad : ownLoad;
  const accountId = other?.awsAccountId ?? null;
  const offered = (load?.value?.launchTemplates ?? []).filter((t) => !chosen.some((c) => c.launchTemplateId === t.id && c.accountId === accountId));
  const [pick, setPick] = useState('');
  const picked = offered.find((t) => t.id === pick) ?? null;
  const accountName = (id: string | null) => (id === null ? null : (accounts.find((a) => a.awsAccountId === id)?.name ?? id));

  function add() {
    if (!picked) return;
    updateRegionPlace(region, (cur) => ({ launchTemplates: [...cur.launchTemplates, { launchTemplateId: picked.id, accountId, name: picked.name, setDefaultVersion: true }] }));
    setPick('');
  }

  return (
    <div className="builder-subfield">
      <label className="builder-subfield-label" htmlFor={`${uid}-lt`}>
        Launch templates to update {load?.status === 'loading' && <Spinner label="Loading launch templates" />}
      </label>
      {chosen.length > 0 && (
        <ul className="builder-lt-list" aria-label={`Launch templates updated in ${region}`}>
          {chosen.map((t) => {
            const same = (x: LaunchTemplateUpdate) => x.launchTemplateId === t.launchTemplateId && x.accountId === t.accountId;
            const gone = t.accountId !== null && !r.targetAccountIds.includes(t.accountId);
            return (
              <li key={`${t.accountId ?? ''}/${t.launchTemplateId}`} className={`builder-lt${gone ? ' is-dropped' : ''}`} data-testid="launch-template-update">
                <span>{t.name ?? t.launchTemplateId}</span>
                <span className="mono-soft">{t.launchTemplateId}</span>
                {t.accountId && <span className="muted">in {accountName(t.accountId)}</span>}
                {gone && <span className="field-error">not updated: the AMI is no longer copied to that account</span>}
                <label className="builder-check builder-lt-default">
                  <input
                    type="checkbox"
                    checked={t.setDefaultVersion}
                    onChange={(e) => updateRegionPlace(region, (cur) => ({ launchTemplates: cur.launchTemplates.map((x) => (same(x) ? { ...x, setDefaultVersion: e.target.checked } : x)) }))}
                  />
                  make the new version the default
                </label>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Stop updating ${t.name ?? t.launchTemplateId}`}
                  onClick={() => updateRegionPlace(region, (cur) => ({ launchTemplates: cur.launchTemplates.filter((x) => !same(x)) }))}
                >
                  <Icon name="close" size={11} />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {copies.length > 0 && (
        <div className="builder-add-id">
          <label htmlFor={`${uid}-lt-account`} className="muted">
            Templates of
          </label>
          <select id={`${uid}-lt-account`} value={inAccount ?? ''} onChange={(e) => setInAccount(e.target.value || null)} data-testid="launch-template-account">
            <option value="">this account</option>
            {copies.map((a) => (
              <option key={a.id} value={a.awsAccountId!}>
                {a.name} (copy)
              </option>
            ))}
          </select>
        </div>
      )}
      {load?.status === 'error' ? (
        <p className="field-error">
          Could not list launch templates in {region}: {load.error?.message}{' '}
          {!other && (
            <button type="button" className="link-button" onClick={() => void loadNetworkChoices(region, true)}>
              Retry
            </button>
          )}
        </p>
      ) : load?.status === 'ready' && offered.length === 0 && chosen.length === 0 ? (
        <p className="field-hint">{other ? other.name : 'This account'} has no launch templates in {region}.</p>
      ) : (
        offered.length > 0 && (
          <div className="builder-add-id">
            <select id={`${uid}-lt`} value={pick} onChange={(e) => setPick(e.target.value)} data-testid="launch-template-pick">
              <option value="">Choose a launch template…</option>
              {offered.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} · {t.id}
                </option>
              ))}
            </select>
            <button type="button" className="button button-small" onClick={add} disabled={!picked} data-testid="launch-template-add">
              Add
            </button>
          </div>
        )
      )}
    </div>
  );
}

/** Another workspace account's launch templates in the region, read while its templates are being chosen. */
function useOtherAccountTemplates(entryId: string | null, region: string): { status: 'loading' | 'ready' | 'error'; value: NetworkChoices | null; error: AppError | null } | null {
  const [load, setLoad] = useState<{ key: string; status: 'loading' | 'ready' | 'error'; value: NetworkChoices | null; error: AppError | null } | null>(null);
  const key = entryId ? `${entryId}/${region}` : null;
  useEffect(() => {
    if (!entryId || !key) return;
    let live = true;
    setLoad({ key, status: 'loading', value: null, error: null });
    invoke('builder:networkChoices', { account: entryId, region }).then(
      (value) => live && setLoad({ key, status: 'ready', value, error: null }),
      (error: unknown) => live && setLoad({ key, status: 'error', value: null, error: toAppError(error) }),
    );
    return () => {
      live = false;
    };
  }, [entryId, region, key]);
  return load && load.key === key ? load : null;
}
