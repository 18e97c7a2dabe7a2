/**
 * The application core: every channel's handler, over the account sources, the AWS client
 * pool and the image services. It never imports `electron`, so the same core runs in the
 * desktop app, behind the preview bridge and in tests.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { ChannelOutput, ChannelParsedInput, Channel, EventName, Events } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AccountHealth, AccountSummary, AppInfo, Workspace } from '../../shared/model';
import { openDatabase } from './db/database';
import { AccountRegistry, secretKeyFor, type AccountRecord } from './accounts/registry';
import { staticKeyProvider, type AccountSource } from './accounts/account-source';
import { MemorySecretStore, type SecretStore } from './accounts/secret-store';
import { ClientPool } from './aws/client-pool';
import { toAppError } from './aws/errors';
import { listImages } from './images/list-images';
import { getImage } from './images/get-image';
import type { DemoWorld, StartDemoWorld } from './demo/demo-world';

export type Handlers = { [C in Channel]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> };
export type EventSink = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface AppCoreOptions {
  /** SQLite file for the user's accounts (':memory:' in tests). */
  databaseFile: string;
  secrets: SecretStore;
  startDemoWorld: StartDemoWorld;
  info: AppInfo;
  /** SDK attempts per call (adaptive retries); tests lower it. */
  maxAttempts?: number;
}

export interface AppCore {
  handlers: Handlers;
  onEvent(sink: EventSink): () => void;
  close(): Promise<void>;
}

/** STS is global, but signing needs a region; this one is enabled in every account. */
const IDENTITY_REGION = 'us-east-1';

export function createAppCore(options: AppCoreOptions): AppCore {
  const user: AccountSource = { registry: new AccountRegistry(openDatabase(options.databaseFile)), secrets: options.secrets };
  let demo: (AccountSource & { world: DemoWorld }) | null = null;
  const health = new Map<string, { state: AccountHealth; message: string | null }>();
  const sinks = new Set<EventSink>();

  const sourceOf = (accountId: string): { source: AccountSource; account: AccountRecord } | null => {
    for (const source of demo ? [user, demo] : [user]) {
      const account = source.registry.getAccount(accountId);
      if (account) return { source, account };
    }
    return null;
  };

  const pool = new ClientPool({
    credentialsFor: (account) => {
      const found = sourceOf(account.id);
      if (!found) throw new AppError({ code: 'ACCOUNT_NOT_FOUND', message: `Unknown account ${account.id}`, retryable: false });
      return staticKeyProvider(found.source, account);
    },
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });

  const emit: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };

  const summarize = (account: AccountRecord, clientIsProduction: boolean): AccountSummary => {
    const h = health.get(account.id);
    return {
      id: account.id,
      name: account.name,
      clientId: account.clientId,
      awsAccountId: account.awsAccountId,
      arn: account.arn,
      kind: account.kind,
      production: account.production || clientIsProduction,
      accessKeyId: account.accessKeyId,
      defaultRegion: account.defaultRegion,
      endpoint: account.endpoint,
      health: h?.state ?? (account.awsAccountId ? 'ok' : 'unknown'),
      healthMessage: h?.message ?? null,
    };
  };

  const workspace = (): Workspace => {
    const sources = demo ? [user, demo] : [user];
    const clients = sources.flatMap((s) => s.registry.listClients());
    const productionClients = new Set(clients.filter((c) => c.production).map((c) => c.id));
    return {
      clients,
      accounts: sources.flatMap((s) => s.registry.listAccounts()).map((a) => summarize(a, productionClients.has(a.clientId))),
      demo: demo !== null,
    };
  };

  const workspaceChanged = (): Workspace => {
    const ws = workspace();
    emit('workspace:changed', ws);
    return ws;
  };

  const requireAccount = (accountId: string) => {
    const found = sourceOf(accountId);
    if (!found) {
      throw new AppError({
        code: 'ACCOUNT_NOT_FOUND',
        message: 'That account is no longer in the workspace. Pick another account in the sidebar.',
        retryable: false,
        details: { account: accountId },
      });
    }
    return found;
  };

  /** Runs an AWS call for an account, recording its health and naming the place on failure. */
  const withAccount = async <T>(accountId: string, region: string, action: string, work: (account: AccountRecord) => Promise<T>): Promise<T> => {
    const { account } = requireAccount(accountId);
    try {
      const result = await work(account);
      setHealth(account.id, 'ok', null);
      return result;
    } catch (error) {
      const appError = toAppError(error, { account: account.id, accountId: account.awsAccountId, region, action });
      if (appError.code === 'AUTH_FAILED') setHealth(account.id, 'error', appError.message);
      throw appError;
    }
  };

  const setHealth = (accountId: string, state: AccountHealth, message: string | null) => {
    const before = health.get(accountId);
    if (before?.state === state && before.message === message) return;
    health.set(accountId, { state, message });
    workspaceChanged();
  };

  const verify = async (source: AccountSource, account: AccountRecord) =>
    withAccount(account.id, IDENTITY_REGION, 'sts:GetCallerIdentity', async () => {
      const out = await pool.sts(account, IDENTITY_REGION).send(new GetCallerIdentityCommand({}));
      if (!out.Account || !out.Arn) throw new AppError({ code: 'AWS_ERROR', message: 'STS answered without an account id.', retryable: true });
      source.registry.setIdentity(account.id, out.Account, out.Arn);
      return { awsAccountId: out.Account, arn: out.Arn };
    });

  const knownAs = (awsAccountId: string): string | null =>
    workspace().accounts.find((a) => a.awsAccountId === awsAccountId)?.name ?? null;

  const handlers: Handlers = {
    'app:info': async () => options.info,

    'workspace:get': async () => workspace(),

    'demo:open': async () => {
      if (!demo) {
        const world = await options.startDemoWorld();
        const source = { registry: new AccountRegistry(openDatabase(':memory:')), secrets: new MemorySecretStore(), world };
        for (const a of world.accounts) {
          // A client is production only when all its accounts are; otherwise each account says.
          const allProduction = world.accounts.filter((o) => o.clientName === a.clientName).every((o) => o.production);
          const client = source.registry.ensureClient(a.clientName, { color: a.clientColor, production: allProduction });
          const record = source.registry.addAccount({
            name: a.name,
            clientId: client.id,
            accessKeyId: a.accessKeyId,
            defaultRegion: a.defaultRegion,
            endpoint: world.endpoint,
            production: a.production,
          });
          await source.secrets.set(secretKeyFor(record.id), a.secretAccessKey);
        }
        demo = source;
        // Identities are read the same way as for real accounts; a failure shows on that account only.
        await Promise.allSettled(source.registry.listAccounts().map((account) => verify(source, account)));
      }
      return workspaceChanged();
    },

    'accounts:addAccessKey': async (input) => {
      const client = user.registry.ensureClient(input.clientName);
      const record = user.registry.addAccount({
        name: input.name,
        clientId: client.id,
        accessKeyId: input.accessKeyId,
        defaultRegion: input.defaultRegion,
        endpoint: input.endpoint ?? null,
      });
      try {
        await user.secrets.set(secretKeyFor(record.id), input.secretAccessKey);
        await verify(user, record);
      } catch (error) {
        // A key AWS rejects (or one we could not store) is not kept: nothing half-added remains.
        if (error instanceof AppError && error.code !== 'NETWORK' && error.code !== 'THROTTLED') {
          user.registry.removeAccount(record.id);
          await user.secrets.delete(secretKeyFor(record.id)).catch(() => false);
          health.delete(record.id);
          pool.invalidate(record.id);
          throw error;
        }
      }
      return workspaceChanged();
    },

    'accounts:remove': async ({ account }) => {
      const { source } = requireAccount(account);
      source.registry.removeAccount(account);
      await source.secrets.delete(secretKeyFor(account));
      pool.invalidate(account);
      health.delete(account);
      return workspaceChanged();
    },

    'accounts:verify': async ({ account }) => {
      const found = requireAccount(account);
      const result = await verify(found.source, found.account);
      workspaceChanged();
      return result;
    },

    'regions:list': async ({ account }) => {
      const { account: record } = requireAccount(account);
      return withAccount(account, record.defaultRegion, 'ec2:DescribeRegions', async () => {
        const out = await pool.ec2(record, record.defaultRegion).send(new DescribeRegionsCommand({ AllRegions: false }));
        return (out.Regions ?? [])
          .map((r) => ({ name: r.RegionName ?? '', optInStatus: r.OptInStatus ?? 'opt-in-not-required' }))
          .filter((r) => r.name)
          .sort((a, b) => a.name.localeCompare(b.name));
      });
    },

    'images:list': async ({ account, region, view }) =>
      withAccount(account, region, 'ec2:DescribeImages', async (record) => {
        const { images, pages } = await listImages(pool.ec2(record, region), view, {
          account: record.id,
          region,
          awsAccountId: record.awsAccountId,
        });
        return { images, pages, fetchedAt: new Date().toISOString() };
      }),

    'images:get': async ({ account, region, imageId }) =>
      withAccount(account, region, 'ec2:DescribeImages', async (record) =>
        getImage(pool.ec2(record, region), imageId, {
          account: record.id,
          region,
          awsAccountId: record.awsAccountId,
          knownAs,
          wrap: (error, action) => toAppError(error, { account: record.id, accountId: record.awsAccountId, region, action }),
        }),
      ),
  };

  return {
    handlers,
    onEvent(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      pool.destroy();
      if (demo) await demo.world.close();
      demo = null;
    },
  };
}
