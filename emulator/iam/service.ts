/** The IAM service (read-only: what the app needs to label accounts, find MFA devices and check instance profiles). */
import { globalQueryService } from '../protocol/global-service';
import { listAccountAliases } from './account-aliases';
import { getInstanceProfile, getRole, listAttachedRolePolicies } from './instance-profiles';
import { listMfaDevices } from './mfa-devices';
import { IAM_API_VERSION, iamErrorAnswer } from './response';

export const iamService = globalQueryService({
  signingName: 'iam',
  apiVersion: IAM_API_VERSION,
  actions: {
    ListAccountAliases: listAccountAliases,
    ListMFADevices: listMfaDevices,
    GetInstanceProfile: getInstanceProfile,
    GetRole: getRole,
    ListAttachedRolePolicies: listAttachedRolePolicies,
  },
  errorAnswer: iamErrorAnswer,
});
