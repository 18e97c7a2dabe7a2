/**
 * AWS Organizations, as much as the app reads: DescribeOrganization, which tells a member
 * account which organization it belongs to (what an AMI shared "with the organization" reaches),
 * and for the management account the accounts and OUs (directory.ts).
 * awsJson1_1 on `X-Amz-Target: AWSOrganizationsV20161128.<Action>`; a global service, so any
 * region in the credential scope is accepted.
 */
import { awsJsonAuthError } from '../protocol/aws-json-auth';
import { ApiError } from '../protocol/errors';
import type { QueryService, ServiceCall } from '../service';
import { KMS_CONTENT_TYPE, kmsErrorAnswer, parseInput, type JsonInput } from '../kms/json';
import { describeOrganizationalUnit, listAccounts, listAccountsForParent, listOrganizationalUnitsForParent, listParents } from './directory';

const TARGET_PREFIX = 'AWSOrganizationsV20161128.';

function actionOf(headers: Readonly<Record<string, string>>): string {
  const target = headers['x-amz-target'] ?? '';
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
}

function describeOrganization(call: ServiceCall): object {
  const client = call.world.clients.find((c) => c.id === call.caller.clientId);
  if (!client || call.caller.organizationArn === '') {
    throw new ApiError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  // arn:aws:organizations::MANAGEMENT:organization/o-…
  const management = client.organizationArn.split(':')[4] ?? '';
  return {
    Organization: {
      Id: client.organizationId,
      Arn: client.organizationArn,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${management}:account/${client.organizationId}/${management}`,
      MasterAccountId: management,
      AvailablePolicyTypes: [],
    },
  };
}

const ACTIONS: Record<string, (call: ServiceCall, input: JsonInput) => object> = {
  DescribeOrganization: (call) => describeOrganization(call),
  ListAccounts: listAccounts,
  ListAccountsForParent: listAccountsForParent,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
  ListParents: listParents,
  DescribeOrganizationalUnit: describeOrganizationalUnit,
};

export const organizationsService: QueryService = {
  signingName: 'organizations',
  apiVersion: '2016-11-28',
  contentType: KMS_CONTENT_TYPE,

  actionName: (_params, headers) => actionOf(headers),

  handle(call) {
    const action = ACTIONS[actionOf(call.headers)];
    if (!action) throw new ApiError('UnknownOperationException', `Unknown operation ${call.headers['x-amz-target'] ?? ''}`);
    return JSON.stringify(action(call, parseInput(call.body)));
  },

  authError: awsJsonAuthError,

  // Global: clients sign for us-east-1, or whatever region they were given with a custom endpoint.
  regionError: () => null,

  throttleError() {
    return new ApiError('TooManyRequestsException', 'AWS Organizations can\u2019t complete your request because another request is already in progress.', 400);
  },

  // Organizations speaks the same awsJson1_1 error shape as KMS.
  errorAnswer: kmsErrorAnswer,
};
