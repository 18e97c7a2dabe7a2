/**
 * Credentials for every kind of access path, resolved in main only.
 *
 *  - access-key: the key pair from the secret store; with an MFA device set, an MFA session
 *    (GetSessionToken) obtained with one prompt and reused until it expires.
 *  - profile: the SDK's `fromIni`, which follows the AWS CLI's rules (static keys,
 *    role_arn + source_profile chains of any depth, credential_process, SSO from the CLI's
 *    token cache). We only plug in how roles are assumed, so MFA is asked once per device.
 *  - assume-role: another entry's credentials (resolved through this same cache) assuming a
 *    role with STS, with its ExternalId, session name, duration and MFA device.
 *
 * Each entry's credentials are memoized and refreshed shortly before they expire; callers that
 * arrive while a resolution runs wait for it, so a burst of calls makes one STS round trip and
 * at most one MFA prompt.
 */
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AppError } from '../../../shared/errors';
import { describeProfile, loadProfileConfig, type ProfileFiles, type ProfileListing } from '../accounts/profiles';
import type { PathRecord } from '../accounts/registry';
import { classify, credentialFailure, credentialProblem, placeOfPath, type FailureContext } from './errors';
import { MfaSessions } from './mfa-sessions';
import { assumeRole, getSessionToken, type AssumeRoleInput, type StsTarget } from './sts';

export { classifyCredentialError } from './errors';

export interface MfaRequest {
  path: PathRecord;
  profileName: string | null;
  mfaSerial: string;
}

export interface CredentialContext {
  /** Asks the user for a code (a prompt naming account + profile); rejects with AppError AUTH_FAILED when cancelled. */
  askMfa(request: MfaRequest): Promise<string>;
  /** The stored secret for an access-key path (keychain or session-only memory). */
  secretFor(path: PathRecord): Promise<string | null>;
  /** Other paths (the source of an assume-role path). */
  pathById(id: string): PathRecord | undefined;
  /** Files for profile entries (tests point them at temp files). */
  profileFiles?: ProfileFiles;
  now?: () => Date;
}

export interface CredentialResolverOptions {
  /** Temporary credentials are replaced this long before they expire. Default 5 minutes. */
  refreshBeforeMs?: number;
}

/** AWS caps a role session assumed with temporary credentials ("role chaining") at one hour. */
const CHAINED_ROLE_MAX_SECONDS = 3600;
/** fromIni asks for the code before it has the source credentials; we ask later, see #assume. */
const CODE_ASKED_LATER = 'deferred';

interface EntryState {
  /** What the record looked like when these credentials were made; a change starts over. */
  fingerprint: string;
  credentials?: AwsCredentialIdentity;
  inflight?: Promise<AwsCredentialIdentity>;
}

/** Where an AssumeRole happens, for prompts, STS and messages. */
interface Hop {
  path: PathRecord;
  profile: ProfileListing | null;
  /** The entry holding the long-term keys at the root (owns the MFA session). */
  rootOwner: string;
  target: StsTarget;
}

export class CredentialResolver {
  readonly #ctx: CredentialContext;
  readonly #refreshBeforeMs: number;
  readonly #now: () => Date;
  readonly #entries = new Map<string, EntryState>();
  readonly #providers = new Map<string, AwsCredentialIdentityProvider>();
  /** source entry id → entries that assumed a role with its credentials. */
  readonly #dependents = new Map<string, Set<string>>();
  readonly #mfa: MfaSessions;

  constructor(ctx: CredentialContext, options: CredentialResolverOptions = {}) {
    this.#ctx = ctx;
    this.#refreshBeforeMs = options.refreshBeforeMs ?? 5 * 60_000;
    this.#now = ctx.now ?? (() => new Date());
    this.#mfa = new MfaSessions({ getSessionToken, now: this.#now, refreshBeforeMs: this.#refreshBeforeMs });
  }

  /** Memoized per entry; refreshed when within refreshBeforeMs of expiry; concurrent callers share one resolution. */
  providerFor(path: PathRecord): AwsCredentialIdentityProvider {
    let provider = this.#providers.get(path.id);
    if (!provider) {
      // The record is looked up at call time, so an edited path is resolved as it is now.
      provider = () => this.#credentials(this.#ctx.pathById(path.id) ?? path);
      this.#providers.set(path.id, provider);
    }
    return provider;
  }

  /** Expiry of the cached temporary credentials, ISO, or null. */
  sessionExpiry(pathId: string): string | null {
    return this.#entries.get(pathId)?.credentials?.expiration?.toISOString() ?? null;
  }

  /** Forget cached credentials of this path and every path assuming a role through it. */
  invalidate(pathId: string): void {
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      this.#entries.delete(id);
      this.#mfa.forget(id);
      const dependents = this.#dependents.get(id);
      this.#dependents.delete(id);
      for (const dependent of dependents ?? []) visit(dependent);
    };
    visit(pathId);
  }

  async #credentials(path: PathRecord): Promise<AwsCredentialIdentity> {
    const state = this.#stateOf(path);
    if (state.credentials && !this.#dueForRefresh(state.credentials)) return state.credentials;
    if (state.inflight) return state.inflight;
    const run = this.#resolve(path).then((credentials) => {
      // An invalidate() while this ran wins: the result is handed out once but not kept.
      if (this.#entries.get(path.id) === state) state.credentials = credentials;
      return credentials;
    });
    state.inflight = run;
    const done = () => {
      if (state.inflight === run) delete state.inflight;
    };
    run.then(done, done);
    return run;
  }

  #stateOf(path: PathRecord): EntryState {
    const fingerprint = fingerprintOf(path);
    let state = this.#entries.get(path.id);
    if (!state || state.fingerprint !== fingerprint) {
      if (state) this.invalidate(path.id);
      state = { fingerprint };
      this.#entries.set(path.id, state);
    }
    return state;
  }

  #dueForRefresh(credentials: AwsCredentialIdentity): boolean {
    if (!credentials.expiration) return false;
    return credentials.expiration.getTime() - this.#now().getTime() <= this.#refreshBeforeMs;
  }

  async #resolve(path: PathRecord): Promise<AwsCredentialIdentity> {
    switch (path.kind) {
      case 'access-key':
        return this.#fromAccessKey(path);
      case 'profile':
        return this.#fromProfile(path);
      case 'assume-role':
        return this.#fromRole(path);
    }
  }

  async #fromAccessKey(path: PathRecord): Promise<AwsCredentialIdentity> {
    const secret = await this.#ctx.secretFor(path).catch((error: unknown) => {
      throw credentialFailure(error, { path });
    });
    if (!path.accessKeyId || !secret) {
      throw credentialProblem('AUTH_FAILED', 'update-keys', `No secret access key is stored for "${path.accountName}" — enter its key pair again.`, path);
    }
    const keys: AwsCredentialIdentity = { accessKeyId: path.accessKeyId, secretAccessKey: secret };
    if (!path.mfaSerial) return keys;
    const serial = path.mfaSerial;
    try {
      return await this.#mfa.session(serial, keys, {
        ask: () => this.#askMfa(path, null, serial),
        owner: path.id,
        target: { region: path.defaultRegion, endpoint: path.endpoint },
      });
    } catch (error) {
      throw credentialFailure(error, { path, mfaSerial: serial });
    }
  }

  async #fromProfile(path: PathRecord): Promise<AwsCredentialIdentity> {
    const name = path.profileName;
    if (!name) throw credentialProblem('AUTH_FAILED', 'edit-profile', `"${path.accountName}" names no AWS CLI profile.`, path);
    const files = this.#ctx.profileFiles ?? {};
    const profile = await loadProfileConfig(files).then(
      (config) => describeProfile(config, name),
      (error: unknown) => {
        throw credentialFailure(error, { path });
      },
    );
    if (profile.problem) {
      throw credentialProblem('AUTH_FAILED', 'edit-profile', `${profile.problem} Fix it in the AWS config file, then retry.`, path);
    }
    const endpoint = path.endpoint ?? profile.endpointUrl;
    const hop: Hop = {
      path,
      profile,
      rootOwner: path.id,
      target: { region: profile.region ?? path.defaultRegion, endpoint },
    };
    const fileOptions = {
      ...(files.configFile ? { configFilepath: files.configFile } : {}),
      ...(files.credentialsFile ? { filepath: files.credentialsFile } : {}),
    };
    // fromIni hands SSO profiles to fromSSO without the file paths, so with files other than the
    // defaults an SSO profile is resolved by fromSSO directly (same provider, same token cache).
    const provider = profile.kind === 'sso' ? fromSSO({ profile: name, ...fileOptions, ...(endpoint ? { clientConfig: { endpoint } } : {}) }) : fromIni({
      profile: name,
      ...fileOptions,
      // The user may edit the files, or sign in to SSO elsewhere, between two resolutions.
      ignoreCache: true,
      mfaCodeProvider: async () => CODE_ASKED_LATER,
      roleAssumer: (source, params) => this.#assume(source, params, hop),
      // Inner SSO / SSO OIDC clients follow the entry's endpoint; the SSO region stays the profile's.
      ...(endpoint ? { clientConfig: { endpoint } } : {}),
    });
    try {
      return await provider();
    } catch (error) {
      throw credentialFailure(error, { path, profile });
    }
  }

  async #fromRole(path: PathRecord): Promise<AwsCredentialIdentity> {
    const chain = this.#sourceChain(path);
    const source = chain[1];
    const root = chain.at(-1);
    if (!source || !root || !path.roleArn) {
      throw credentialProblem('AUTH_FAILED', 'fix-source', `"${path.accountName}" needs a role ARN and a source path.`, path);
    }
    this.#addDependent(source.id, path.id);
    let sourceCredentials: AwsCredentialIdentity;
    try {
      sourceCredentials = await this.#credentials(source);
    } catch (error) {
      throw this.#sourceFailure(path, source, error);
    }
    const input: AssumeRoleInput = {
      RoleArn: path.roleArn,
      RoleSessionName: path.sessionName ?? defaultSessionName(path.accountName),
      ...(path.externalId ? { ExternalId: path.externalId } : {}),
      ...(path.durationSeconds ? { DurationSeconds: path.durationSeconds } : {}),
      ...(path.mfaSerial ? { SerialNumber: path.mfaSerial } : {}),
    };
    return this.#assume(sourceCredentials, input, {
      path,
      profile: null,
      rootOwner: root.id,
      target: { region: path.defaultRegion, endpoint: await this.#endpointOf(chain) },
    });
  }

  /**
   * AssumeRole for both entry roles and profile roles. When the role asks for MFA:
   *  - caller already carries MFA (an MFA session, or a role assumed with one): no code needed;
   *  - caller holds long-term keys: use (or make, with one prompt) the MFA session of that
   *    device and key, and assume the role with it;
   *  - caller holds other temporary credentials (SSO, a role without MFA): those cannot get an
   *    MFA session, so the code goes with this AssumeRole (a prompt each time it is renewed).
   */
  async #assume(source: AwsCredentialIdentity, params: AssumeRoleInput, hop: Hop): Promise<AwsCredentialIdentity> {
    const { SerialNumber: serial, TokenCode: _placeholder, ...input } = params;
    let caller = source;
    const context: FailureContext = {
      path: hop.path,
      ...(hop.profile ? { profile: hop.profile } : {}),
      roleArn: params.RoleArn,
      externalId: params.ExternalId ?? null,
      mfaSerial: serial ?? null,
    };
    try {
      let code: { SerialNumber: string; TokenCode: string } | null = null;
      if (serial && !this.#mfa.carriesMfa(source)) {
        const profileName = hop.profile?.name ?? null;
        if (!source.sessionToken) {
          caller = await this.#mfa.session(serial, source, {
            ask: () => this.#askMfa(hop.path, profileName, serial),
            owner: hop.rootOwner,
            target: hop.target,
          });
        } else {
          code = { SerialNumber: serial, TokenCode: await this.#askMfa(hop.path, profileName, serial) };
        }
      }
      const duration = input.DurationSeconds;
      const request: AssumeRoleInput = {
        ...input,
        ...code,
        ...(duration && caller.sessionToken ? { DurationSeconds: Math.min(duration, CHAINED_ROLE_MAX_SECONDS) } : {}),
      };
      let credentials: AwsCredentialIdentity;
      try {
        credentials = await assumeRole(caller, request, hop.target);
      } catch (error) {
        // A rejected MFA session (revoked, or expired early) must not be offered again.
        if (caller !== source && isRejection(error)) this.#mfa.discard(caller);
        throw error;
      }
      if (code || this.#mfa.carriesMfa(caller)) this.#mfa.markCarriesMfa(credentials);
      return credentials;
    } catch (error) {
      throw credentialFailure(error, context);
    }
  }

  async #askMfa(path: PathRecord, profileName: string | null, mfaSerial: string): Promise<string> {
    try {
      return (await this.#ctx.askMfa({ path, profileName, mfaSerial })).trim();
    } catch (error) {
      const message =
        error instanceof AppError ? error.message : `No MFA code was given for "${path.accountName}" (${mfaSerial}).`;
      throw credentialProblem('AUTH_FAILED', 'enter-mfa', message, path);
    }
  }

  /** The entry, its source, its source's source… down to the entry with the root credential. */
  #sourceChain(path: PathRecord): PathRecord[] {
    const chain = [path];
    let current = path;
    while (current.kind === 'assume-role') {
      const sourceId = current.sourcePath;
      const source = sourceId ? this.#ctx.pathById(sourceId) : undefined;
      if (!source) {
        const what = current === path ? 'Its source path' : `The source of "${current.accountName}"`;
        throw credentialProblem('AUTH_FAILED', 'fix-source', `"${path.accountName}" cannot assume its role: ${what} is no longer in the workspace.`, path);
      }
      if (chain.some((a) => a.id === source.id)) {
        const names = [...chain, source].map((a) => `"${a.accountName}"`).join(' → ');
        throw credentialProblem('AUTH_FAILED', 'fix-source', `The source accounts loop: ${names}. Pick a source that does not lead back.`, path);
      }
      chain.push(source);
      current = source;
    }
    return chain;
  }

  /** The endpoint an assume-role entry's STS calls go to: its own, else its chain's. */
  async #endpointOf(chain: PathRecord[]): Promise<string | null> {
    for (const entry of chain) if (entry.endpoint) return entry.endpoint;
    const root = chain.at(-1);
    if (root?.kind === 'profile' && root.profileName) {
      const config = await loadProfileConfig(this.#ctx.profileFiles ?? {});
      return describeProfile(config, root.profileName).endpointUrl;
    }
    return null;
  }

  #sourceFailure(path: PathRecord, source: PathRecord, error: unknown): AppError {
    const inner = classify(error, { path: source });
    // A missing MFA code or a network failure is repaired right here; anything else at the source.
    const fix = inner.fix === 'enter-mfa' || inner.fix === 'retry' ? inner.fix : 'fix-source';
    return new AppError({
      code: inner.code,
      message: `"${path.accountName}" assumes its role with "${source.accountName}", which needs attention first: ${inner.message}`,
      retryable: inner.code === 'NETWORK' || inner.code === 'THROTTLED',
      details: { ...placeOfPath(path), fix },
    });
  }

  #addDependent(sourceId: string, dependentId: string): void {
    let set = this.#dependents.get(sourceId);
    if (!set) this.#dependents.set(sourceId, (set = new Set()));
    set.add(dependentId);
  }
}

function isRejection(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: string }).name : undefined;
  return name === 'InvalidClientTokenId' || name === 'ExpiredToken' || name === 'SignatureDoesNotMatch';
}

/** What of a record decides its credentials. */
function fingerprintOf(path: PathRecord): string {
  return JSON.stringify([
    path.kind,
    path.accessKeyId,
    path.profileName,
    path.roleArn,
    path.sourcePath,
    path.externalId,
    path.mfaSerial,
    path.sessionName,
    path.durationSeconds,
    path.endpoint,
    path.defaultRegion,
  ]);
}

/** RoleSessionName allows 2–64 of [\w+=,.@-]. */
export function defaultSessionName(entryName: string): string {
  const cleaned = entryName.replace(/[^\w+=,.@-]+/g, '-').replace(/^-+|-+$/g, '');
  return `ami-atlas-${cleaned || 'entry'}`.slice(0, 64);
}
