/**
 * Which KMS key each snapshot of a CopyImage result is encrypted with, and whether the caller
 * may use the keys involved:
 * - an encrypted source needs the caller to be allowed kms:Decrypt on the source key, by its
 *   key policy when the key belongs to another account (AWS-managed keys never allow that);
 * - `Encrypted` without `KmsKeyId` uses the caller's `alias/aws/ebs` key of the destination
 *   region, created on first use as AWS does;
 * - `KmsKeyId` (key id, key ARN, alias name or alias ARN) must name a key of the destination
 *   region that the caller may use (kms:CreateGrant), and needs `Encrypted`;
 * - the copy of an encrypted snapshot is always encrypted: with the same key when the copy
 *   stays in the key's account and region, otherwise with the destination's default key.
 */
import { createHash } from 'node:crypto';
import { keyPolicy, policyCaller, resolveKey } from '../kms/keys';
import { policyAllows } from '../kms/policy';
import { ApiError, invalidParameterCombination, invalidParameterValue } from '../protocol/errors';
import type { ServiceCall } from '../service';
import type { SnapshotRecord } from '../world/model';

export interface CopyEncryptionRequest {
  encrypted: boolean;
  kmsKeyId: string | undefined;
}

/** Decides the key of each copied snapshot; the destination is the call's region. */
export class CopyEncryption {
  private explicitKey: string | null = null;

  constructor(
    private readonly call: ServiceCall,
    private readonly request: CopyEncryptionRequest,
  ) {
    if (request.kmsKeyId !== undefined && !request.encrypted) {
      throw invalidParameterCombination('KmsKeyId requires Encrypted to be set to true.');
    }
    if (request.kmsKeyId !== undefined) this.explicitKey = this.destinationKey(request.kmsKeyId);
  }

  /** Refuses a source snapshot whose key the caller may not use. */
  checkSourceKey(snapshot: SnapshotRecord): void {
    if (!snapshot.encrypted || snapshot.kmsKeyId === null) return;
    const { world, caller, principal } = this.call;
    const key = world.kmsKey(snapshot.kmsKeyId);
    if (!key || key.accountId === caller.accountId) return;
    const fakeCall = { ...this.call, region: key.region };
    if (!policyAllows(keyPolicy(fakeCall, key), policyCaller(caller, principal.arn), 'kms:Decrypt')) {
      throw invalidParameterValue(
        `The KMS key ${key.arn} of snapshot ${snapshot.snapshotId} is not accessible: its key policy does not allow account ${caller.accountId} to use it.`,
      );
    }
  }

  /** The key ARN the copy of `source` is encrypted with, or null for an unencrypted copy. */
  keyFor(source: { encrypted: boolean; kmsKeyId: string | null }): string | null {
    if (this.request.encrypted) return this.explicitKey ?? this.defaultKey();
    if (!source.encrypted) return null;
    const { world, caller, region } = this.call;
    const key = source.kmsKeyId ? world.kmsKey(source.kmsKeyId) : undefined;
    if (key && key.accountId === caller.accountId && key.region === region) return key.arn;
    return this.defaultKey();
  }

  private destinationKey(input: string): string {
    try {
      return resolveKey(this.call, input, 'kms:CreateGrant').arn;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'AccessDeniedException') {
        throw invalidParameterValue(`The KMS key ${input} is not accessible: its key policy does not allow account ${this.call.caller.accountId} to use it.`);
      }
      throw invalidParameterValue(`The KMS key ${input} does not exist in ${this.call.region}.`);
    }
  }

  /** The caller's AWS-managed EBS key in the destination region, made on first use. */
  private defaultKey(): string {
    const { world, caller, region } = this.call;
    const existing = world.kmsKeys.find((k) => k.accountId === caller.accountId && k.region === region && k.alias === 'alias/aws/ebs');
    if (existing) return existing.arn;
    // Derived from account and region, so the same world makes the same key id every run.
    const h = createHash('sha256').update(`aws/ebs/${caller.accountId}/${region}`).digest('hex');
    const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
    const arn = `arn:aws:kms:${region}:${caller.accountId}:key/${id}`;
    world.kmsKeys.push({ arn, accountId: caller.accountId, region, alias: 'alias/aws/ebs', managedBy: 'aws' });
    return arn;
  }
}
