/**
 * SecretStore backed by the operating system's keychain through keytar: macOS Keychain,
 * Windows Credential Manager, or a Secret Service keyring on Linux (GNOME Keyring, KWallet).
 *
 * keytar is a native module. It is loaded lazily, on first use, so that
 *  - a missing or mis-built binary, or a desktop without a Secret Service, becomes a typed
 *    KEYCHAIN_UNAVAILABLE error the UI can explain (and offer the session-only fallback)
 *    instead of crashing the main process at import time;
 *  - bundlers never try to inline the `.node` file: it is resolved from node_modules at run time.
 */
import { AppError } from '../../../shared/errors';
import { assertValidKey, assertValidSecret, type SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'AMI Atlas';

/** The part of keytar this store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoader = () => KeytarApi | Promise<KeytarApi>;

export type ProbeResult = { available: true } | { available: false; reason: string };

export interface KeytarSecretStoreOptions {
  /** Keychain service name the entries are filed under. */
  service?: string;
  /** How keytar is obtained; tests replace it to simulate a missing module. */
  load?: KeytarLoader;
  /** Used to word the advice in error messages. */
  platform?: NodeJS.Platform;
  /** probe() gives up after this long (a locked keyring may sit waiting for a password). */
  probeTimeoutMs?: number;
}

function isKeytarApi(value: unknown): value is KeytarApi {
  if (typeof value !== 'object' && typeof value !== 'function') return false;
  if (value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.getPassword === 'function' &&
    typeof v.setPassword === 'function' &&
    typeof v.deletePassword === 'function'
  );
}

// A variable specifier keeps bundlers from following the import, whatever their externals.
const KEYTAR_MODULE = 'keytar';

export const loadKeytarFromNodeModules: KeytarLoader = async () => {
  // The app's main bundle is CommonJS: plain require() is the well-trodden path for a native
  // module inside app.asar. Under ESM (tests, tsx) there is no require, so import() it.
  const mod: unknown =
    typeof require === 'function'
      ? require(KEYTAR_MODULE) // eslint-disable-line @typescript-eslint/no-require-imports -- see above
      : await import(/* @vite-ignore */ KEYTAR_MODULE);
  // keytar is CommonJS: its functions are on the default export (and maybe also named).
  const api = isKeytarApi(mod) ? mod : (mod as { default?: unknown }).default;
  if (!isKeytarApi(api)) throw new Error('the keytar module does not export the expected functions');
  return api;
};

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Native errors can span lines (dlopen paths); the first line carries the cause.
  return (text.split('\n')[0] ?? '').trim() || 'unknown error';
}

/** What the user can do about an unreachable keychain, per platform. */
export function keychainAdvice(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock your login keychain in Keychain Access and allow AMI Atlas to use it, then try again.';
    case 'win32':
      return 'Make sure Windows Credential Manager is available for your user account, then try again.';
    default:
      return (
        'AMI Atlas keeps secrets in your desktop keyring through the Secret Service (D-Bus). ' +
        'Install and unlock one (GNOME Keyring: package "gnome-keyring", or KWallet with its ' +
        'Secret Service enabled) in a desktop session with D-Bus running, then try again.'
      );
  }
}

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly service: string;
  readonly #load: KeytarLoader;
  readonly #platform: NodeJS.Platform;
  readonly #probeTimeoutMs: number;
  /** A module that failed to load will not load later in this process, so both outcomes are kept. */
  #module: Promise<KeytarApi> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.#load = options.load ?? loadKeytarFromNodeModules;
    this.#platform = options.platform ?? process.platform;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 15_000;
  }

  async get(key: string): Promise<string | null> {
    assertValidKey(key);
    const keytar = await this.#keytar();
    return this.#call('read a secret from', () => keytar.getPassword(this.service, key));
  }

  async set(key: string, secret: string): Promise<void> {
    assertValidKey(key);
    assertValidSecret(secret);
    const keytar = await this.#keytar();
    await this.#call('store a secret in', () => keytar.setPassword(this.service, key, secret));
  }

  async delete(key: string): Promise<boolean> {
    assertValidKey(key);
    const keytar = await this.#keytar();
    return this.#call('delete a secret from', () => keytar.deletePassword(this.service, key));
  }

  /**
   * Checks that the module loads and the keychain answers, by looking up an entry that does
   * not exist. Never throws; the reason is worded for the user.
   */
  async probe(): Promise<ProbeResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new AppError({
            code: 'KEYCHAIN_UNAVAILABLE',
            message:
              `The system keychain did not answer within ${Math.round(this.#probeTimeoutMs / 1000)} s ` +
              `(it may be locked and waiting for its password). ${keychainAdvice(this.#platform)}`,
            retryable: true,
          }),
        );
      }, this.#probeTimeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([this.get('keychain-probe'), timeout]);
      return { available: true };
    } catch (error) {
      return { available: false, reason: error instanceof AppError ? error.message : reasonOf(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  #keytar(): Promise<KeytarApi> {
    this.#module ??= (async () => {
      try {
        const mod = await this.#load();
        if (!isKeytarApi(mod)) throw new Error('the keytar module does not export the expected functions');
        return mod;
      } catch (error) {
        throw new AppError({
          code: 'KEYCHAIN_UNAVAILABLE',
          message:
            `The system keychain module (keytar) could not be loaded: ${reasonOf(error)}. ` +
            'Reinstall AMI Atlas; when running from source, run "npm ci" so keytar is built for ' +
            'this Node/Electron version. Until then secrets can only be kept for this session.',
          retryable: false,
        });
      }
    })();
    return this.#module;
  }

  async #call<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      throw new AppError({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `Could not ${what} the system keychain (${reasonOf(error)}). ${keychainAdvice(this.#platform)}`,
        retryable: true,
      });
    }
  }
}
