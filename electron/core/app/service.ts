/**
 * The app service: what the app is (`app:info`), the start-up state of a core whose database
 * opened (nothing to recover; `startAppCore` answers these itself while the database cannot be
 * used), and the AWS Console page of an image. Serves the `app:*` and `startup:*` channels.
 */
import { AppError } from '../../../shared/errors';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { AppInfo } from '../../../shared/model';
import type { StartupStatus } from '../../../shared/startup';
import { resourceConsoleUrl } from '../../../shared/console-urls';
import { imageConsoleUrl } from './console-url';

export interface AppDeps {
  info: AppInfo;
  /** Opens a URL in the user's browser. */
  openUrl(url: string): Promise<void>;
}

const READY: StartupStatus = { state: 'ready', recovered: null };

export class AppService {
  constructor(private readonly deps: AppDeps) {}

  async info(): Promise<AppInfo> {
    return this.deps.info;
  }

  async status(): Promise<StartupStatus> {
    return READY;
  }

  async retry(): Promise<StartupStatus> {
    return READY;
  }

  async restore(): Promise<StartupStatus> {
    throw nothingToRecover();
  }

  async startFresh(): Promise<StartupStatus> {
    throw nothingToRecover();
  }

  async openConsole({ region, imageId }: ChannelParsedInput<'app:openConsole'>): Promise<{ url: string }> {
    const url = imageConsoleUrl(region, imageId);
    if (!url) {
      throw new AppError({
        code: 'VALIDATION',
        message: `The AWS Console link is for commercial regions only; ${region} has a console of its own.`,
        retryable: false,
        details: { region },
      });
    }
    await this.deps.openUrl(url);
    return { url };
  }

  async openResourceConsole(ref: ChannelParsedInput<'app:openResourceConsole'>): Promise<{ url: string }> {
    const url = resourceConsoleUrl(ref);
    if (!url) {
      throw new AppError({
        code: 'VALIDATION',
        message: `The AWS Console link is for commercial regions only; ${ref.region} has a console of its own.`,
        retryable: false,
        details: { region: ref.region },
      });
    }
    await this.deps.openUrl(url);
    return { url };
  }
}

function nothingToRecover(): AppError {
  return new AppError({ code: 'CONFLICT', message: 'The database is open: there is nothing to recover.', retryable: false });
}
