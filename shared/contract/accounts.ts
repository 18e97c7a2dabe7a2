/** AWS accounts and their access paths (key pairs, profiles, roles, SSO): adding, verifying, editing, removing; clients; MFA and SSO sign-in; the regions an account can use. */
import { z } from 'zod';
import type { AppErrorShape } from '../errors';
import { endpointProblem } from '../endpoint';
import type { MfaPrompt, ProfileInfo, RegionInfo, SsoSignInStart, SsoStatus, Workspace } from '../model';
import { id, region, displayName, confirmations, common, output, event } from './fields';

const roleArn = z
  .string()
  .max(2048)
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'must be a role ARN such as arn:aws:iam::123456789012:role/Name');
const mfaSerial = z
  .string()
  .max(256)
  .regex(/^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]+|GAHT\w+|\w{9,})$/, 'must be an MFA device ARN such as arn:aws:iam::123456789012:mfa/name');
const externalId = z.string().min(2).max(1224).regex(/^[\w+=,.@:/-]+$/, 'may contain letters, digits and +=,.@:/-');
/** https, or http on this computer; never a link-local or metadata address (shared/endpoint.ts). */
const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(512)
  .superRefine((value, ctx) => {
    // Not a URL at all is z.url's to say.
    const problem = URL.canParse(value) ? endpointProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2f81f7');

export const schemas = {
  addAccessKeyAccount: z.strictObject({
    name: displayName,
    clientName: displayName,
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id such as AKIA…'),
    secretAccessKey: z.string().min(16).max(256),
    defaultRegion: region,
    endpoint: endpoint.nullable().optional(),
    production: z.boolean().optional(),
    /** Add the key pair as another way into this account (refused if it reaches another one). */
    account: id.optional(),
  }),
  addRoleAccount: z.strictObject({
    name: displayName,
    clientName: displayName,
    /** The access path whose credentials assume the role. */
    sourcePath: id,
    roleArn,
    externalId: externalId.nullable().optional(),
    mfaSerial: mfaSerial.nullable().optional(),
    sessionName: z.string().regex(/^[\w+=,.@-]{2,64}$/, '2–64 letters, digits or +=,.@-').nullable().optional(),
    durationSeconds: z.number().int().min(900).max(43200).nullable().optional(),
    defaultRegion: region,
    production: z.boolean().optional(),
    account: id.optional(),
  }),
  importProfiles: z.strictObject({
    profiles: z
      .array(
        z.strictObject({
          profileName: z.string().min(1).max(128),
          name: displayName,
          clientName: displayName,
          production: z.boolean().optional(),
          account: id.optional(),
        }),
      )
      .min(1)
      .max(500),
  }),
  updateAccount: z.strictObject({
    account: id,
    name: displayName.optional(),
    clientName: displayName.optional(),
    defaultRegion: region.optional(),
    production: z.boolean().optional(),
    favoriteRegions: z.array(region).max(40).optional(),
    /** The path reads start with (null: any healthy path). */
    readPath: id.nullable().optional(),
    /** The path changes go through (null: the first path). */
    writePath: id.nullable().optional(),
    /** The account's name, typed, when the change stops it counting as production. */
    confirmations: confirmations.optional(),
  }),
  updatePath: z.strictObject({
    path: id,
    /** A name for the path (null: described by how it reaches the account). */
    label: displayName.nullable().optional(),
    externalId: externalId.nullable().optional(),
    mfaSerial: mfaSerial.nullable().optional(),
  }),
  pathRef: z.strictObject({ path: id }),
  updateKeys: z.strictObject({
    path: id,
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id such as AKIA…'),
    secretAccessKey: z.string().min(16).max(256),
  }),
  updateClient: z.strictObject({
    client: id,
    name: displayName.optional(),
    color: color.optional(),
    production: z.boolean().optional(),
    /** The client's name (keyed by its id), typed, when its production flag is cleared. */
    confirmations: confirmations.optional(),
  }),
  mfaAnswer: z.strictObject({
    requestId: id,
    /** null cancels the prompt (the call that needed it fails with AUTH_FAILED). */
    code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the MFA device').nullable(),
  }),
  accountRef: z.strictObject({ account: id }),
  /** A production account is removed only with its name typed (removing it removes its guard). */
  removeAccount: z.strictObject({ account: id, confirmations: confirmations.optional() }),
} as const;

export interface AccountVerifyResult {
  awsAccountId: string;
  arn: string;
  alias: string | null;
  /** The account the path is attached to now, and whether it had to move there. */
  account: string;
  accountName: string;
  moved: boolean;
}

/** A new access path: the account it joined (an existing one, when it reaches an account already in the workspace). */
export interface AddPathResult {
  workspace: Workspace;
  account: string;
  accountName: string;
  path: string;
  /** It reaches an account the workspace already had: the name and client typed were not used. */
  joined: boolean;
}

export interface ProfileImportResult {
  workspace: Workspace;
  /** One per requested profile: imported and verified, imported but not verified (why), or refused (why). */
  results: Array<{
    profileName: string;
    account: string | null;
    accountName: string | null;
    path: string | null;
    joined: boolean;
    verified: boolean;
    error: AppErrorShape | null;
  }>;
}

export const channels = {
  'accounts:addAccessKey': { input: schemas.addAccessKeyAccount, output: output<AddPathResult>() },
  'accounts:addRole': { input: schemas.addRoleAccount, output: output<AddPathResult>() },
  'accounts:update': { input: schemas.updateAccount, output: output<Workspace>() },
  'accounts:remove': { input: schemas.removeAccount, output: output<Workspace>() },
  'paths:update': { input: schemas.updatePath, output: output<Workspace>() },
  'paths:updateKeys': { input: schemas.updateKeys, output: output<Workspace>() },
  /** Removes one way in; the account stays (with its inventory and history). */
  'paths:remove': { input: schemas.pathRef, output: output<Workspace>() },
  'paths:verify': { input: schemas.pathRef, output: output<AccountVerifyResult>() },
  'clients:update': { input: schemas.updateClient, output: output<Workspace>() },
  'profiles:list': { input: common.empty, output: output<ProfileInfo[]>() },
  'profiles:import': { input: schemas.importProfiles, output: output<ProfileImportResult>() },
  'sso:signIn': { input: schemas.pathRef, output: output<SsoSignInStart>() },
  'sso:cancel': { input: schemas.pathRef, output: output<Workspace>() },
  'mfa:answer': { input: schemas.mfaAnswer, output: output<{ accepted: boolean }>() },
  'regions:list': { input: schemas.accountRef, output: output<RegionInfo[]>() },
} as const;

export const events = {
  /** A credential needs an MFA code: answer with `mfa:answer`. */
  'mfa:prompt': event<MfaPrompt>(),
  /** A prompt was answered or withdrawn elsewhere (e.g. timed out): close it. */
  'mfa:closed': event<{ requestId: string }>(),
  'sso:status': event<SsoStatus>(),
} as const;
