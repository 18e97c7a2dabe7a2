/** The STS service: who am I, role assumption and MFA session tokens. */
import { globalQueryService } from '../protocol/global-service';
import { assumeRole } from './assume-role';
import { getCallerIdentity } from './caller-identity';
import { STS_API_VERSION, stsErrorAnswer } from './response';
import { getSessionToken } from './session-token';

export const stsService = globalQueryService({
  signingName: 'sts',
  apiVersion: STS_API_VERSION,
  actions: { GetCallerIdentity: getCallerIdentity, AssumeRole: assumeRole, GetSessionToken: getSessionToken },
  errorAnswer: stsErrorAnswer,
});
