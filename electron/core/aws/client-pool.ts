/**
 * One SDK client per (account entry, region, service), created on first use and reused, so
 * connection pools, credential caches and retry state are shared by every call to the same
 * place. Throttling is absorbed by the SDK's standard retry mode (exponential backoff with
 * jitter) while attempts remain; only then does it surface (as THROTTLED).
 *
 * Not the adaptive mode: its client-side rate limiter cuts a client's request rate sharply
 * after a single throttle and recovers slowly, which made a scan with 20 % throttling 7× slower
 * than standard retries. The scanner's own concurrency limits (overall and per account) already
 * pace the calls.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { AccountRecord } from '../accounts/registry';

export interface ClientPoolOptions {
  /** Resolves credentials for an account entry; called by the SDK when it needs them. */
  credentialsFor(account: AccountRecord): AwsCredentialIdentityProvider;
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

type Service = 'ec2' | 'sts' | 'iam' | 'kms';
type AnyClient = EC2Client | STSClient | IAMClient | KMSClient;
type ClientFor<S extends Service> = S extends 'ec2' ? EC2Client : S extends 'sts' ? STSClient : S extends 'kms' ? KMSClient : IAMClient;


export class ClientPool {
  private readonly clients = new Map<string, AnyClient>();

  constructor(private readonly options: ClientPoolOptions) {}

  ec2(account: AccountRecord, region: string): EC2Client {
    return this.get('ec2', account, region);
  }

  sts(account: AccountRecord, region: string): STSClient {
    return this.get('sts', account, region);
  }

  kms(account: AccountRecord, region: string): KMSClient {
    return this.get('kms', account, region);
  }

  /** IAM is global; its calls are signed for us-east-1. */
  iam(account: AccountRecord): IAMClient {
    return this.get('iam', account, 'us-east-1');
  }

  /** Drops every client of an account (its credentials or endpoint changed, or it was removed). */
  invalidate(accountId: string): void {
    for (const [key, client] of this.clients) {
      if (key.startsWith(`${accountId}|`)) {
        client.destroy();
        this.clients.delete(key);
      }
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private get<S extends Service>(service: S, account: AccountRecord, region: string): ClientFor<S> {
    const key = `${account.id}|${region}|${service}`;
    let client = this.clients.get(key);
    if (!client) {
      const config = {
        region,
        credentials: this.options.credentialsFor(account),
        retryMode: 'standard',
        maxAttempts: this.options.maxAttempts ?? 8,
        requestHandler: { requestTimeout: this.options.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000 },
        // Without an account endpoint the SDK applies AWS_ENDPOINT_URL(_EC2/_STS) or AWS itself.
        ...(account.endpoint ? { endpoint: account.endpoint } : {}),
      };
      client =
        service === 'ec2'
          ? new EC2Client(config)
          : service === 'sts'
            ? new STSClient(config)
            : service === 'kms'
              ? new KMSClient(config)
              : new IAMClient(config);
      this.clients.set(key, client);
    }
    return client as ClientFor<S>;
  }
}
