/**
 * The ways into an account once it is in the workspace: access paths (editing, new keys,
 * verifying, removing), AWS CLI profiles imported as paths, SSO sign-in and MFA codes.
 */
import { z } from 'zod';
import type { AppErrorShape } from '../errors';
import type { MfaPrompt, ProfileInfo, SsoSignInStart, SsoStatus, Workspace } from '../model';
import { accessKeyId, externalId, mfaSerial, secretAccessKey } from './accounts';
import { id, displayName, common, output, event } from './fields';

export const schemas = {
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
  updatePath: z.strictObject({
    path: id,
    /** A name for the path (null: described by how it reaches the account). */
    label: displayName.nullable().optional(),
    externalId: externalId.nullable().optional(),
    mfaSerial: mfaSerial.nullable().optional(),
  }),
  pathRef: z.strictObject({ path: id }),
  updateKeys: z.strictObject({ path: id, accessKeyId, secretAccessKey }),
  mfaAnswer: z.strictObject({
    requestId: id,
    /** null cancels the prompt (the call that needed it fails with AUTH_FAILED). */
    code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the MFA device').nullable(),
  }),
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
  'paths:update': { input: schemas.updatePath, output: output<Workspace>() },
  'paths:updateKeys': { input: schemas.updateKeys, output: output<Workspace>() },
  /** Removes one way in; the account stays (with its inventory and history). */
  'paths:remove': { input: schemas.pathRef, output: output<Workspace>() },
  'paths:verify': { input: schemas.pathRef, output: output<AccountVerifyResult>() },
  'profiles:list': { input: common.empty, output: output<ProfileInfo[]>() },
  'profiles:import': { input: schemas.importProfiles, output: output<ProfileImportResult>() },
  'sso:signIn': { input: schemas.pathRef, output: output<SsoSignInStart>() },
  'sso:cancel': { input: schemas.pathRef, output: output<Workspace>() },
  'mfa:answer': { input: schemas.mfaAnswer, output: output<{ accepted: boolean }>() },
} as const;

export const events = {
  /** A credential needs an MFA code: answer with `mfa:answer`. */
  'mfa:prompt': event<MfaPrompt>(),
  /** A prompt was answered or withdrawn elsewhere (e.g. timed out): close it. */
  'mfa:closed': event<{ requestId: string }>(),
  'sso:status': event<SsoStatus>(),
} as const;
