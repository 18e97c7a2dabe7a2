/**
 * The workspace service: the workspace shown, the demo workspace opened beside the user's own
 * and closed again, clients edited, the keychain given up for this session. Serves the
 * `workspace:*`, `demo:*`, `clients:*` and `keychain:*` channels (see serve.ts).
 */
import { AppError } from '../../../shared/errors';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { Workspace } from '../../../shared/model';
import { AccountRegistry, secretKeyFor } from '../accounts/registry';
import { MemorySecretStore } from '../accounts/secret-store';
import type { CoreContext, DemoSource } from '../context';
import { openDatabase } from '../db/database';
import type { StartDemoWorld } from '../demo/demo-world';
import { auditProductionChanges, guardClientChange } from '../production-flag';
import type { AuditBook } from '../sharing/audit-book';
import type { OpenWorkspaces } from './open-workspaces';
import type { WorkspaceView } from './view';

export interface WorkspaceDeps {
  workspaces: OpenWorkspaces;
  view: WorkspaceView;
  accounts: Pick<CoreContext, 'verifyPath' | 'forgetCredentials' | 'health'>;
  startDemoWorld: StartDemoWorld;
  audit: AuditBook;
}

export class WorkspaceService {
  constructor(private readonly deps: WorkspaceDeps) {}

  async get(): Promise<Workspace> {
    return this.deps.view.workspace();
  }

  /** `demo:open`: the demo's world starts the first time; its accounts are verified like real ones. */
  async open(): Promise<Workspace> {
    const { workspaces, view, accounts } = this.deps;
    if (!workspaces.demo) {
      const source = await this.startDemo();
      workspaces.addDemo(source);
      // Identities are read the same way as for real accounts; a failure shows on that account only.
      await view.quietly(() => Promise.allSettled(source.registry.listPaths().map((path) => accounts.verifyPath(path.id))));
    }
    workspaces.showDemo();
    return view.changed();
  }

  /** `demo:close`: its world goes with it; nothing of the demo outlives the demo. */
  async close(): Promise<Workspace> {
    const { workspaces, view, accounts } = this.deps;
    const closing = workspaces.dropDemo();
    if (closing) {
      for (const path of closing.registry.listPaths()) {
        accounts.forgetCredentials(path.id);
        accounts.health.forget(path.id);
      }
      await closing.world.close();
    }
    return view.changed();
  }

  /** `clients:update`: name, colour, production flag (cleared only with the client's name typed). */
  async update({ client, confirmations, ...changes }: ChannelParsedInput<'clients:update'>): Promise<Workspace> {
    const { workspaces, view, audit } = this.deps;
    const owner = workspaces.active();
    const record = owner.registry.getClient(client);
    if (!record) throw new AppError({ code: 'NOT_FOUND', message: 'That client is no longer in the workspace.', retryable: false });
    guardClientChange(owner, client, changes.production, confirmations ?? {});
    const summariesBefore = view.workspace().accounts;
    if (changes.name) {
      const same = owner.registry.findClient(changes.name);
      if (same && same.id !== client) {
        throw new AppError({
          code: 'CONFLICT',
          message: `There is a client called ${same.name} already. Move this client's accounts to it instead, or choose another name.`,
          retryable: false,
          details: { issues: [`name: ${same.name} exists`] },
        });
      }
    }
    owner.registry.updateClient(client, changes);
    const workspace = view.changed();
    auditProductionChanges(audit, owner, summariesBefore, workspace.accounts, `the production flag of client ${changes.name ?? record.name}`);
    return workspace;
  }

  /** `keychain:useSessionOnly`: without a keychain, secrets are kept for this session only. */
  async useSessionOnly(): Promise<Workspace> {
    const { workspaces, view } = this.deps;
    const state = await workspaces.user.secrets.refresh();
    if (state.available) {
      throw new AppError({ code: 'CONFLICT', message: 'The OS keychain is available; secrets are kept there.', retryable: false });
    }
    workspaces.user.secrets.useSessionOnly();
    return view.changed();
  }

  /** The demo workspace: its world's accounts, each with a key pair into it. */
  private async startDemo(): Promise<DemoSource> {
    const world = await this.deps.startDemoWorld();
    const source: DemoSource = { registry: new AccountRegistry(openDatabase(':memory:')), secrets: new MemorySecretStore(), world };
    for (const a of world.accounts) {
      // A client is production only when all its accounts are; otherwise each account says.
      const allProduction = world.accounts.filter((o) => o.clientName === a.clientName).every((o) => o.production);
      const client = source.registry.ensureClient(a.clientName, { color: a.clientColor, production: allProduction });
      const account = source.registry.addAccount({ name: a.name, clientId: client.id, defaultRegion: a.defaultRegion, endpoint: world.endpoint, production: a.production });
      const path = source.registry.addPath(account.id, { kind: 'access-key', accessKeyId: a.accessKeyId, endpoint: world.endpoint });
      await source.secrets.set(secretKeyFor(path.id), a.secretAccessKey);
    }
    return source;
  }
}
