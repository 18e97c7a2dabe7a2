/**
 * One SDK client per (access path, region, service), created on first use and reused, so
 * connection pools, credential caches and retry state are shared by every call to the same
 * place. Throttling is absorbed by retries while attempts remain; only then does it surface
 * (as THROTTLED).
 *
 * Retries wait with exponential backoff and full jitter from a small base (see retryDelayMs),
 * not the standard strategy's: that one waits up to a second after the first throttle (and more
 * after later ones) while the call holds one of the scanner's slots, which made a scan with 5 %
 * throttling 1.7× its ideal. The standard strategy's retry budget per client still applies.
 *
 * Not the adaptive mode: its client-side rate limiter cuts a client's request rate sharply
 * after a single throttle and recovers slowly, which made a scan with 20 % throttling 7× slower
 * than standard retries. The inventory scanner paces its calls by EC2's own token buckets and
 * retries throttled calls through them (see ec2SingleAttempt).
 */
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { KMSClient } from '@aws-sdk/client-kms';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RbinClient } from '@aws-sdk/client-rbin';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { PathRecord } from '../accounts/registry';
import { StreamingEc2QueryProtocol } from './ec2-streaming-xml';
import { assertSafeEndpoint } from './endpoint-guard';

export interface ClientPoolOptions {
  /** Resolves credentials for an access path; called by the SDK when it needs them. */
  credentialsFor(path: PathRecord): AwsCredentialIdentityProvider;
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

type Service = 'ec2' | 'sts' | 'iam' | 'kms' | 'imagebuilder' | 'organizations' | 'autoscaling' | 'ssm' | 'rbin';
type AnyClient = EC2Client | STSClient | IAMClient | KMSClient | ImagebuilderClient | OrganizationsClient | AutoScalingClient | SSMClient | RbinClient;
type ClientFor<S extends Service> = S extends 'ec2'
  ? EC2Client
  : S extends 'sts'
    ? STSClient
    : S extends 'kms'
      ? KMSClient
      : S extends 'imagebuilder'
        ? ImagebuilderClient
        : S extends 'organizations'
          ? OrganizationsClient
          : S extends 'autoscaling'
            ? AutoScalingClient
            : S extends 'ssm'
              ? SSMClient
              : S extends 'rbin'
                ? RbinClient
                : IAMClient;

/** The first retry waits up to this long; each later one up to twice the previous bound. */
export const RETRY_BASE_MS = 100;
/** No single wait is longer than this (the SDK's own cap). */
export const RETRY_CAP_MS = 20_000;

/**
 * Full jitter: a uniform wait in [0, min(cap, base × 2^(attempt−1))) before retry `attempt`
 * (1 for the first retry), so callers throttled together spread out instead of retrying in step.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * bound);
}

/** Retries after a network failure (refused, unreachable, reset): a dead network is not back in seconds. */
export const NETWORK_RETRIES = 2;

/**
 * Throttling and server errors are retried up to the attempts allowed; a network failure only
 * twice, so an offline app falls back to its inventory in well under a second instead of
 * backing off for half a minute.
 */
export class AtlasRetryStrategy extends ConfiguredRetryStrategy {
  override async refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    if (errorInfo.errorType === 'TRANSIENT' && token.getRetryCount() >= NETWORK_RETRIES) throw new Error('No retry token available');
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

/**
 * The Recycle Bin client is of an older SDK release than the others (the newest the registry
 * offers), whose retry middleware cannot drive the newer retry strategy: it retries with its own
 * standard strategy, the same number of attempts.
 */
function rbinClient(config: { retryStrategy: unknown } & ConstructorParameters<typeof RbinClient>[0], maxAttempts: number): RbinClient {
  const { retryStrategy: _newer, ...rest } = config;
  return new RbinClient({ ...rest, maxAttempts });
}

export class ClientPool {
  private readonly clients = new Map<string, AnyClient>();

  constructor(private readonly options: ClientPoolOptions) {}

  ec2(path: PathRecord, region: string): EC2Client {
    return this.get('ec2', path, region);
  }

  /**
   * An EC2 client that makes a single attempt per call: for callers that pace their calls by
   * EC2's token buckets and retry a throttled call through them (the inventory scanner), where
   * the SDK's own retries would go around the pacing and drain the bucket further.
   */
  ec2SingleAttempt(path: PathRecord, region: string): EC2Client {
    return this.get('ec2', path, region, 1);
  }

  sts(path: PathRecord, region: string): STSClient {
    return this.get('sts', path, region);
  }

  kms(path: PathRecord, region: string): KMSClient {
    return this.get('kms', path, region);
  }

  imagebuilder(path: PathRecord, region: string): ImagebuilderClient {
    return this.get('imagebuilder', path, region);
  }

  autoscaling(path: PathRecord, region: string): AutoScalingClient {
    return this.get('autoscaling', path, region);
  }

  ssm(path: PathRecord, region: string): SSMClient {
    return this.get('ssm', path, region);
  }

  /** Recycle Bin retention rules (the AMIs and snapshots a rule holds are EC2's). */
  rbin(path: PathRecord, region: string): RbinClient {
    return this.get('rbin', path, region);
  }

  /** Organizations is global; its calls are signed for us-east-1. */
  organizations(path: PathRecord): OrganizationsClient {
    return this.get('organizations', path, 'us-east-1');
  }

  /** IAM is global; its calls are signed for us-east-1. */
  iam(path: PathRecord): IAMClient {
    return this.get('iam', path, 'us-east-1');
  }

  /** Drops every client of a path (its credentials or endpoint changed, or it was removed). */
  invalidate(pathId: string): void {
    for (const [key, client] of this.clients) {
      if (key.startsWith(`${pathId}|`)) {
        client.destroy();
        this.clients.delete(key);
      }
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private get<S extends Service>(service: S, path: PathRecord, region: string, attempts?: number): ClientFor<S> {
    const key = `${path.id}|${region}|${service}${attempts ? `|${attempts}` : ''}`;
    let client = this.clients.get(key);
    if (!client) {
      assertSafeEndpoint(path.endpoint, { accountName: path.accountName, accountId: path.accountId });
      const config = {
        region,
        credentials: this.options.credentialsFor(path),
        // One strategy per client: its retry budget is per place, like the clients themselves.
        retryStrategy: new AtlasRetryStrategy(attempts ?? this.options.maxAttempts ?? 8, (attempt: number) => retryDelayMs(attempt)),
        requestHandler: { requestTimeout: this.options.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000 },
        // Without an account endpoint the SDK applies AWS_ENDPOINT_URL(_EC2/_STS) or AWS itself.
        ...(path.endpoint ? { endpoint: path.endpoint } : {}),
      };
      client =
        service === 'ec2'
          ? new EC2Client({ ...config, protocol: StreamingEc2QueryProtocol })
          : service === 'sts'
            ? new STSClient(config)
            : service === 'kms'
              ? new KMSClient(config)
              : service === 'imagebuilder'
                ? new ImagebuilderClient(config)
                : service === 'organizations'
                  ? new OrganizationsClient(config)
                  : service === 'autoscaling'
                    ? new AutoScalingClient(config)
                    : service === 'ssm'
                      ? new SSMClient(config)
                      : service === 'rbin'
                        ? rbinClient(config, this.options.maxAttempts ?? 8)
                        : new IAMClient(config);
      this.clients.set(key, client);
    }
    return client as ClientFor<S>;
  }
}
