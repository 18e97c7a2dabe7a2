/**
 * Where the AMI is used, from the last usage check (stored, so it shows offline): each
 * reference with its account by name and region, each place that could not be read and why,
 * and the console page of each resource on the clipboard.
 */
import { useMemo, useState } from 'react';
import type { StoredAmiUsage, UsageReference, UsageState } from '../../../../shared/contract/usage';
import { invoke, toAppError } from '../../../api';
import { Icon } from '../../../components/Icon';
import { RelativeTime } from '../../../components/RelativeTime';
import { useCopied } from '../../../components/useCopied';
import { endpointOf } from '../../../lib/awsLinks';
import { plural } from '../../../lib/format';
import { exactTime } from '../../../lib/time';
import { findAccount } from '../../../lib/workspace';
import { useAtlas } from '../../../store';
import { USAGE_KIND_WORDS, usageConsoleUrl } from './usageLinks';

const STATE_WORDS: Record<UsageState, string> = {
  yes: 'In use',
  no: 'Unused',
  unknown: 'Unknown',
};

const STATE_NOTES: Record<UsageState, string> = {
  yes: '',
  no: 'Nothing in its owner’s account or the accounts it is shared with uses it.',
  unknown: 'Not found in use where it could be read, but somewhere it could be used could not be read.',
};

/** The last check of this AMI: AMI ids are unique per region, whichever account owns it. */
function useStoredUsage(region: string, imageId: string): StoredAmiUsage | null {
  const usage = useAtlas((s) => s.usage);
  return useMemo(() => {
    for (const u of usage.values()) if (u.imageId === imageId && u.region === region) return u;
    return null;
  }, [usage, region, imageId]);
}

export function UsageTab({ imageId, region, ownerId }: { imageId: string; region: string; ownerId: string }) {
  const found = useStoredUsage(region, imageId);
  const workspace = useAtlas((s) => s.workspace);
  const check = useAtlas((s) => s.usageCheck);
  const checkUsage = useAtlas((s) => s.checkUsage);
  const owner = workspace?.accounts.find((a) => a.awsAccountId === ownerId) ?? null;
  const running = check.state === 'running';
  const checkButton = owner && (
    <button type="button" className="button button-small" disabled={running} data-testid="usage-check-one" onClick={() => void checkUsage({ accounts: [owner.id], regions: [region] })}>
      <Icon name="refresh" size={13} /> {running ? 'Checking…' : found ? 'Check again' : 'Check usage'}
    </button>
  );

  if (!found) {
    return (
      <section className="kv-section usage-tab" data-testid="usage-tab">
        <p className="muted">
          {owner ? 'Not checked yet. A check reads the owner’s account and the accounts it is shared with, in this region.' : 'Usage is checked for AMIs your accounts own.'}
        </p>
        {checkButton}
      </section>
    );
  }
  const nameOf = (account: string | null, fallback: string) => findAccount(workspace, account)?.name ?? fallback;
  return (
    <section className="kv-section usage-tab" data-testid="usage-tab">
      <div className="usage-head">
        <span className={`usage-state is-${found.inUse}`} data-testid="usage-state">
          {STATE_WORDS[found.inUse]}
        </span>
        <span className="muted" title={exactTime(found.analyzedAt)}>
          checked <RelativeTime value={found.analyzedAt} />
        </span>
        <span className="usage-head-end">{checkButton}</span>
      </div>
      {STATE_NOTES[found.inUse] && <p className="muted usage-note">{STATE_NOTES[found.inUse]}</p>}
      {found.references.length > 0 && (
        <>
          <h3 className="section-title">Used by {plural(found.references.length, 'resource')}</h3>
          <ul className="usage-list" aria-label="Used by">
            {found.references.map((ref, i) => (
              <UsageItem key={`${ref.kind}-${ref.account}-${ref.resource}-${i}`} reference={ref} accountName={nameOf(ref.account, ref.accountName)} />
            ))}
          </ul>
        </>
      )}
      {found.unreadable.length > 0 && (
        <>
          <h3 className="section-title">Not read</h3>
          <ul className="usage-list usage-unreadable" aria-label="Not read">
            {found.unreadable.map((u, i) => (
              <li key={`${u.account ?? u.accountName}-${i}`} className="usage-item" data-testid="usage-unreadable">
                <div className="usage-item-line">
                  <Icon name="alert" size={13} className="icon usage-warn" />
                  <span className="usage-where">
                    {u.account ? nameOf(u.account, u.accountName) : u.accountName} · {u.region}
                  </span>
                </div>
                <div className="usage-detail">{u.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function UsageItem({ reference, accountName }: { reference: UsageReference; accountName: string }) {
  const workspace = useAtlas((s) => s.workspace);
  const { copied, copy } = useCopied();
  const [openError, setOpenError] = useState<string | null>(null);
  const url = usageConsoleUrl(reference);
  // The console shows AWS; an account behind another endpoint (the demo's, a private one) is not there.
  const elsewhere = endpointOf(findAccount(workspace, reference.account));
  const notThere = elsewhere ? 'This account does not talk to AWS itself: the AWS Console cannot show it' : null;
  const open = () => {
    setOpenError(null);
    // Main builds the URL from the kind, region and name: the page never hands it one.
    invoke('app:openResourceConsole', { kind: reference.kind, region: reference.region, resource: reference.resource }).catch((error: unknown) =>
      setOpenError(`Could not open the AWS Console: ${toAppError(error).message}`),
    );
  };
  return (
    <li className="usage-item" data-testid="usage-reference">
      <div className="usage-item-line">
        <span className="usage-kind">{USAGE_KIND_WORDS[reference.kind]}</span>
        <span className="usage-resource mono-soft truncate" title={reference.resource}>
          {reference.resource}
        </span>
        {url && (
          <>
            <button
              type="button"
              className="icon-button usage-link"
              disabled={notThere !== null}
              aria-label={`Open ${reference.resource} in the AWS Console`}
              title={notThere ?? 'Open in the AWS Console'}
              onClick={open}
              data-testid="usage-open"
            >
              <Icon name="external" size={13} />
            </button>
            <button
              type="button"
              className="icon-button usage-link"
              disabled={notThere !== null}
              aria-label={`Copy the AWS Console link of ${reference.resource}`}
              title={notThere ?? (copied ? 'Copied' : 'Copy its AWS Console link')}
              onClick={() => void copy(url)}
            >
              <Icon name={copied ? 'check' : 'copy'} size={13} />
            </button>
          </>
        )}
      </div>
      {openError && (
        <div className="usage-detail" role="alert">
          {openError}
        </div>
      )}
      <div className="usage-detail">
        <span className="usage-where">
          {accountName} · {reference.region}
        </span>
        {reference.detail && <span> · {reference.detail}</span>}
      </div>
    </li>
  );
}
