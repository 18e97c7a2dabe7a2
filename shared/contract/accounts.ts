/**
 * AWS accounts: adding one through a new key pair or role, editing and removing it, the regions it
 * can use. The paths into an account once it is there (profiles, SSO, MFA) are `access.ts`'s; the
 * field shapes both use live here.
 */
import { z } from 'zod';
import { endpointProblem } from '../endpoint';
import type { RegionInfo, Workspace } from '../model';
import { id, region, displayName, confirmations, output } from './fields';

export const roleArn = z
  .string()
  .max(2048)
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'must be a role ARN such as arn:aws:iam::123456789012:role/Name');
export const mfaSerial = z
  .string()
  .max(256)
  .regex(/^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]+|GAHT\w+|\w{9,})$/, 'must be an MFA device ARN such as arn:aws:iam::123456789012:mfa/name');
export const externalId = z.string().min(2).max(1224).regex(/^[\w+=,.@:/-]+$/, 'may contain letters, digits and +=,.@:/-');
/** https, or http on this computer; never a link-local or metadata address (shared/endpoint.ts). */
export const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(512)
  .superRefine((value, ctx) => {
    // Not a URL at all is z.url's to say.
    const problem = URL.canParse(value) ? endpointProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const accessKeyId = z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id such as AKIA…');
export const secretAccessKey = z.string().min(16).max(256);
export const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2f81f7');

export const schemas = {
  addAccessKeyAccount: z.strictObject({
    name: displayName,
    clientName: displayName,
    accessKeyId,
    secretAccessKey,
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
  accountRef: z.strictObject({ account: id }),
  /** A production account is removed only with its name typed (removing it removes its guard). */
  removeAccount: z.strictObject({ account: id, confirmations: confirmations.optional() }),
} as const;

/** A new access path: the account it joined (an existing one, when it reaches an account already in the workspace). */
export interface AddPathResult {
  workspace: Workspace;
  account: string;
  accountName: string;
  path: string;
  /** It reaches an account the workspace already had: the name and client typed were not used. */
  joined: boolean;
}

export const channels = {
  'accounts:addAccessKey': { input: schemas.addAccessKeyAccount, output: output<AddPathResult>() },
  'accounts:addRole': { input: schemas.addRoleAccount, output: output<AddPathResult>() },
  'accounts:update': { input: schemas.updateAccount, output: output<Workspace>() },
  'accounts:remove': { input: schemas.removeAccount, output: output<Workspace>() },
  'regions:list': { input: schemas.accountRef, output: output<RegionInfo[]>() },
} as const;
