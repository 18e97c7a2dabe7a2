/** The app itself: who it is, starting up (and recovering a database that cannot be used), opening the AWS Console, faults nobody waited for. */
import { z } from 'zod';
import type { AppInfo } from '../model';
import type { StartupStatus } from '../startup';
import { region, imageId, common, output, event } from './fields';
import { USAGE_KINDS } from './usage';

export const schemas = {
  /** A backup by its file name as `startup:status` listed it (never a path). */
  restoreBackup: z.strictObject({ backup: z.string().min(1).max(200).regex(/^[\w.-]+\.sqlite$/, 'must be the name of a backup') }),
  /** An image by region and id alone: main builds its console URL from these, never takes a URL. */
  consoleImage: z.strictObject({ region, imageId }),
  /** A resource an AMI is used by, by kind, region and AWS's own name or id: main builds the URL. */
  consoleResource: z.strictObject({
    kind: z.enum(USAGE_KINDS),
    region,
    resource: z.string().min(1).max(2048),
  }),
} as const;

export const channels = {
  'app:info': { input: common.empty, output: output<AppInfo>() },
  /** Whether the database could be opened; when not, why, and the backups that can be restored. */
  'startup:status': { input: common.empty, output: output<StartupStatus>() },
  /** Checks the database again (after the user fixed permissions or space). */
  'startup:retry': { input: common.empty, output: output<StartupStatus>() },
  /** Keeps the unusable database aside and puts the backup in its place. */
  'startup:restore': { input: schemas.restoreBackup, output: output<StartupStatus>() },
  /** Keeps the unusable database aside and starts with an empty one. */
  'startup:startFresh': { input: common.empty, output: output<StartupStatus>() },
  /** Opens the image's page in the AWS Console in the user's browser; answers with the URL opened. */
  'app:openConsole': { input: schemas.consoleImage, output: output<{ url: string }>() },
  'app:openResourceConsole': { input: schemas.consoleResource, output: output<{ url: string }>() },
} as const;

export const events = {
  /** Something failed that no request was waiting for; the app kept running (see faults.log). */
  'app:fault': event<{ what: string; message: string; at: string; logName: string | null }>(),
} as const;
