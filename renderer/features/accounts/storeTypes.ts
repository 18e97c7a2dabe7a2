/** The accounts slice: the app-level dialog open, MFA prompts, SSO sign-ins. */
import type { AppError } from '../../../shared/errors';
import type { ChannelInput } from '../../../shared/contract';
import type { MfaPrompt, SsoSignInStart, SsoStatus, Workspace } from '../../../shared/model';

export type AddAccountTab = 'access-key' | 'role' | 'profiles';

/** The one app-level dialog that is open (modal prompts such as MFA stack above it). */
export type DialogRequest =
  | { kind: 'add-account'; tab?: AddAccountTab; account?: string }
  | { kind: 'account-settings'; account: string }
  | { kind: 'update-keys'; path: string }
  | { kind: 'client-settings'; client: string }
  | { kind: 'quick-switcher' }
  /** Every keyboard shortcut (`?`). */
  | { kind: 'shortcuts' }
  /** Accounts × roles from IAM Identity Center start URLs. */
  | { kind: 'discover-sso' }
  /** Every account of an organization, through a role name assumed from `account` (management or delegated administrator). */
  | { kind: 'discover-org'; account?: string }
  /** The same role name in many accounts, from one source path. */
  | { kind: 'bulk-roles'; sourcePath?: string };

/** An SSO device sign-in as the UI follows it; kept per access path so switching away never loses it. */
export interface SsoSession {
  path: string;
  phase: 'starting' | SsoStatus['state'];
  start: SsoSignInStart | null;
  message: string | null;
  error: AppError | null;
}

export interface AccountsSlice {
  dialog: DialogRequest | null;
  openDialog(dialog: DialogRequest): void;
  closeDialog(): void;
  /** Entry ids, newest first (see lib/recent). */
  recentAccounts: string[];
  /** MFA prompts waiting for an answer, oldest first; the first one is shown. */
  mfaPrompts: MfaPrompt[];
  addMfaPrompt(prompt: MfaPrompt): void;
  removeMfaPrompt(requestId: string): void;
  /** By access path id. */
  sso: Record<string, SsoSession>;
  startSsoSignIn(path: string): Promise<void>;
  cancelSsoSignIn(path: string): Promise<void>;
  applySsoStatus(status: SsoStatus): void;
  dismissSso(path: string): void;
  /** Saves account settings; rejects with the AppError (field issues included) on failure. */
  updateAccount(input: ChannelInput<'accounts:update'>): Promise<Workspace>;
  toggleFavoriteRegion(account: string, region: string): Promise<void>;
  keepSecretsForSession(): Promise<void>;
  /** A failed background action (starring a region, …), shown above the list until dismissed. */
  actionError: AppError | null;
  dismissActionError(): void;
}
