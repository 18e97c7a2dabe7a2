/**
 * The workspace as the page sees it (clients, account summaries with health, the keychain's
 * state) and the `workspace:changed` event that carries it. Background changes (health, a path
 * moving to the account it really reaches) announce it, except inside `quietly`, where a batch
 * of them ends in one announcement by the caller.
 */
import type { EventName, Events } from '../../../shared/contract';
import type { Workspace } from '../../../shared/model';
import type { HealthBook } from '../accounts/health';
import { summarizeAccounts } from '../accounts/summaries';
import type { OpenWorkspaces } from './open-workspaces';

export interface WorkspaceViewDeps {
  workspaces: OpenWorkspaces;
  health: HealthBook;
  sessionExpiry(pathId: string): string | null;
  notice(accountId: string): string | null;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

/**
 * Background changes come in bursts — every path of a large workspace verified and found healthy
 * as a scan starts — and each announcement summarizes every account: one announcement per burst.
 */
const BACKGROUND_ANNOUNCE_MS = 50;

export class WorkspaceView {
  private announcing = true;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly deps: WorkspaceViewDeps) {}

  workspace(): Workspace {
    const { workspaces, health } = this.deps;
    const { registry } = workspaces.active();
    const clients = registry.listClients();
    return {
      clients,
      accounts: summarizeAccounts({
        accounts: registry.listAccounts(),
        paths: registry.listPaths(),
        clients,
        health,
        sessionExpiry: (id) => this.deps.sessionExpiry(id),
        notice: (id) => this.deps.notice(id),
      }),
      demo: workspaces.active() !== workspaces.user,
      userAccountCount: workspaces.user.registry.listAccounts().length,
      keychain: workspaces.user.secrets.state(),
    };
  }

  /** Tells the page the workspace changed, and gives it back. */
  changed(): Workspace {
    this.cancelPending();
    const ws = this.workspace();
    this.deps.emit('workspace:changed', ws);
    return ws;
  }

  /**
   * A change made in the background (health, identity): announced shortly, with whatever else
   * changed meanwhile, unless a batch is under way (its caller announces it).
   */
  backgroundChange(): void {
    if (!this.announcing || this.pending || this.stopped) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      if (this.announcing && !this.stopped) this.changed();
    }, BACKGROUND_ANNOUNCE_MS);
  }

  /** No more announcements (the core is closing its databases). */
  stop(): void {
    this.stopped = true;
    this.cancelPending();
  }

  private cancelPending(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
  }

  async quietly<T>(work: () => Promise<T>): Promise<T> {
    this.announcing = false;
    try {
      return await work();
    } finally {
      this.announcing = true;
    }
  }
}
