/**
 * The confirm sheet every change goes through. It lists exactly what will change, per account
 * and region; when a production account is involved, the confirm button stays disabled until
 * the user has typed that account's name (see lib/confirm for why typing, not a tick box).
 *
 *   const confirm = useConfirmChange();
 *   if (!(await confirm({ title: 'Share 2 AMIs', accounts, lines, confirmLabel: 'Share' }))) return;
 */
import { Fragment, useCallback, useId, useState, type ReactNode } from 'react';
import { create } from 'zustand';
import type { AccountSummary } from '../../shared/model';
import { confirmationsOf, confirmEnabled, phraseMatches, productionNamed, requiredPhrases } from '../lib/confirm';
import { formatAccountId } from '../lib/format';
import { findClient } from '../lib/workspace';
import { useAtlas } from '../store';
import { Badge } from './Badge';
import { ClientDot } from './ClientDot';
import { Dialog } from './Dialog';
import { Icon } from './Icon';
import { ActorNote } from './ActingAs';

export interface ConfirmLine {
  /** Our account entry id the line is about. */
  account: string;
  region?: string;
  /** What changes there, e.g. "Share ami-0abc… with 1234-5678-9012". */
  text: string;
}

export interface ConfirmRequest {
  title: string;
  /** One or two sentences on what happens (and what does not). */
  message?: ReactNode;
  /** Every account the change touches; production ones must be named before confirming. */
  accounts: readonly AccountSummary[];
  lines?: readonly ConfirmLine[];
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  /** Phrases to type instead of the production accounts' names (e.g. a client's name). */
  typeToConfirm?: readonly string[];
  /** What typing the phrases confirms, when it is not (only) production, e.g. making an image public. */
  guardMessage?: string;
  /** The change is made in AWS: each account says which access path and principal make it. */
  inAws?: boolean;
}

interface Pending {
  request: ConfirmRequest;
  resolve(ok: boolean): void;
  serial: number;
}

const useConfirmStore = create<{ pending: Pending | null }>(() => ({ pending: null }));
let serial = 0;

/** Asks for confirmation; resolves true only when the user confirmed. Usable outside React too. */
export function confirmChange(request: ConfirmRequest): Promise<boolean> {
  return new Promise((resolve) => {
    // One sheet at a time: a newer request answers an older, unanswered one with "no".
    useConfirmStore.getState().pending?.resolve(false);
    useConfirmStore.setState({ pending: { request, resolve, serial: ++serial } });
  });
}

/** What the core needs to hear for a guarded change: each production account's name, as typed. */
export function productionConfirmations(accounts: readonly AccountSummary[]): Record<string, string> {
  return confirmationsOf(productionNamed(accounts));
}

/**
 * For a change that asks nothing of other accounts (a cancel): the sheet only when a production
 * account is involved. Resolves to the confirmations to send, or null when the user said no.
 */
export async function confirmIfProduction(request: ConfirmRequest): Promise<Record<string, string> | null> {
  if (!request.accounts.some((a) => a.production)) return {};
  return (await confirmChange(request)) ? productionConfirmations(request.accounts) : null;
}

export function useConfirmChange(): (request: ConfirmRequest) => Promise<boolean> {
  return useCallback((request: ConfirmRequest) => confirmChange(request), []);
}

/** Mounted once at the app root. */
export function ConfirmChangeHost() {
  const pending = useConfirmStore((s) => s.pending);
  if (!pending) return null;
  const finish = (ok: boolean) => {
    if (useConfirmStore.getState().pending === pending) useConfirmStore.setState({ pending: null });
    pending.resolve(ok);
  };
  return <ConfirmSheet key={pending.serial} request={pending.request} onAnswer={finish} />;
}

interface ProductionGuardProps {
  phrases: readonly string[];
  typed: readonly (string | undefined)[];
  onType(index: number, text: string): void;
  /** Replaces the default first line ("This changes a production account…"). */
  lede?: string;
  disabled?: boolean;
  /** Focus the first field when the guard appears inside an already open sheet (a plan that arrived). */
  autoFocus?: boolean;
}

/** The typed-name guard: one input per production account (or phrase), green once it matches. */
export function ProductionGuard({ phrases, typed, onType, lede, disabled, autoFocus }: ProductionGuardProps) {
  const uid = useId();
  return (
    <div className="notice-box prod-guard" role="group" aria-label="Production confirmation">
      <p className="prod-guard-lede">
        <Icon name="alert" size={14} />
        {lede ??
          (phrases.length === 1 ? 'This changes a production account. Type its name to confirm.' : 'This changes production accounts. Type each name to confirm.')}
      </p>
      {phrases.map((phrase, i) => (
        <Fragment key={`${phrase}-${i}`}>
          <label htmlFor={`${uid}-${i}`} className="prod-guard-label">
            Type <strong className="mono">{phrase}</strong> to confirm
          </label>
          <input
            id={`${uid}-${i}`}
            className={`prod-guard-input mono${phraseMatches(typed[i], phrase) ? ' is-match' : ''}`}
            autoComplete="off"
            spellCheck={false}
            disabled={disabled}
            autoFocus={autoFocus && i === 0}
            value={typed[i] ?? ''}
            onChange={(e) => onType(i, e.target.value)}
            aria-label={`Type ${phrase} to confirm`}
            data-testid="prod-guard-input"
          />
        </Fragment>
      ))}
    </div>
  );
}

/** The guard over accounts confirmed by name, the typed text kept per account (change sheets). */
export function AccountsGuard({
  accounts,
  typed,
  onType,
  ...rest
}: Omit<ProductionGuardProps, 'phrases' | 'typed' | 'onType'> & {
  accounts: ReadonlyArray<{ account: string; name: string }>;
  typed: Readonly<Record<string, string | undefined>>;
  onType(account: string, text: string): void;
}) {
  return (
    <ProductionGuard
      phrases={accounts.map((a) => a.name)}
      typed={accounts.map((a) => typed[a.account])}
      onType={(i, text) => {
        const account = accounts[i]?.account;
        if (account) onType(account, text);
      }}
      {...rest}
    />
  );
}

export function ConfirmSheet({ request, onAnswer }: { request: ConfirmRequest; onAnswer(ok: boolean): void }) {
  const workspace = useAtlas((s) => s.workspace);
  const phrases = requiredPhrases(request.accounts, request.typeToConfirm);
  const [typed, setTyped] = useState<string[]>(() => phrases.map(() => ''));
  const enabled = confirmEnabled(phrases, typed);
  const lines = request.lines ?? [];

  return (
    <Dialog
      title={request.title}
      onClose={() => onAnswer(false)}
      testId="confirm-sheet"
      size="normal"
      initialFocus={phrases.length > 0 ? 'input' : '[data-autofocus]'}
    >
      <form
        className="dialog-body confirm-sheet"
        onSubmit={(e) => {
          e.preventDefault();
          if (enabled) onAnswer(true);
        }}
      >
        {request.message && <div className="confirm-message">{request.message}</div>}
        <ul className="confirm-targets" aria-label="What will change">
          {request.accounts.map((account) => {
            const client = findClient(workspace, account.clientId);
            const own = lines.filter((l) => l.account === account.id);
            return (
              <li key={account.id} className="confirm-target">
                <div className="confirm-target-head">
                  <ClientDot color={client?.color} />
                  <span className="confirm-target-name">{account.name}</span>
                  <span className="muted">{client?.name}</span>
                  <span className="mono-soft">{formatAccountId(account.awsAccountId)}</span>
                  {account.production && <Badge tone="prod">PROD</Badge>}
                </div>
                {request.inAws && <ActorNote account={account} />}
                {own.length > 0 && (
                  <ul className="confirm-lines">
                    {own.map((line, i) => (
                      <li key={i}>
                        {line.region && <span className="mono-soft">{line.region}</span>} {line.text}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
        {phrases.length > 0 && (
          <ProductionGuard
            phrases={phrases}
            typed={typed}
            onType={(i, text) => setTyped((t) => t.map((v, j) => (j === i ? text : v)))}
            lede={request.guardMessage ?? (request.typeToConfirm ? 'This affects production. Type the name below to confirm.' : undefined)}
          />
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={() => onAnswer(false)} data-autofocus="">
            Cancel
          </button>
          <button
            type="submit"
            className={`button ${request.tone === 'danger' ? 'button-danger' : 'button-primary'}`}
            disabled={!enabled}
            data-testid="confirm-button"
          >
            {request.confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
