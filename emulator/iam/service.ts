/** The IAM service (read-only: what the app needs to label accounts and find MFA devices). */
import { globalQueryService } from '../protocol/global-service';
import { listAccountAliases } from './account-aliases';
import { listMfaDevices } from './mfa-devices';
import { IAM_API_VERSION, iamErrorAnswer } from './response';

export const iamService = globalQueryService({
  signingName: 'iam',
  apiVersion: IAM_API_VERSION,
  actions: { ListAccountAliases: listAccountAliases, ListMFADevices: listMfaDevices },
  errorAnswer: iamErrorAnswer,
});
