/**
 * What the emulator's own tests share: one emulator per file, SDK clients signed as a seeded
 * account, images picked so that no two tests of a file touch the same one, and AWS's error name.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type AccountRecord, type EmulatorOptions, type ImageRecord, type RunningEmulator } from '../../emulator';

export interface EmulatorFixture {
  readonly emulator: RunningEmulator;
  account(name: string): AccountRecord;
  credentials(accountName: string): { accessKeyId: string; secretAccessKey: string };
  ec2(accountName: string, region: string): EC2Client;
  kms(accountName: string, region: string): KMSClient;
  /** An available image of the account that no other test of the file took, optionally matching `test`. */
  takeImage(ownerName: string, region: string, test?: (i: ImageRecord) => boolean): ImageRecord;
}

/** Starts an emulator before the file's tests and stops it after them. */
export function useEmulator(options: EmulatorOptions = { seed: 1 }): EmulatorFixture {
  let running: RunningEmulator | undefined;
  const used = new Set<string>();
  beforeAll(async () => {
    running = await startEmulator(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  const fixture: EmulatorFixture = {
    get emulator() {
      if (!running) throw new Error('the emulator is not running yet');
      return running;
    },
    account(name) {
      const found = fixture.emulator.world.accounts.find((a) => a.name === name);
      if (!found) throw new Error(`no account ${name}`);
      return found;
    },
    credentials(accountName) {
      const id = fixture.emulator.identities.find((i) => i.accountName === accountName);
      if (!id) throw new Error(`no identity ${accountName}`);
      return { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey };
    },
    ec2: (accountName, region) => new EC2Client({ endpoint: fixture.emulator.url, region, maxAttempts: 1, credentials: fixture.credentials(accountName) }),
    kms: (accountName, region) => new KMSClient({ endpoint: fixture.emulator.url, region, maxAttempts: 1, credentials: fixture.credentials(accountName) }),
    takeImage(ownerName, region, test = () => true) {
      const owner = fixture.account(ownerName);
      const image = fixture.emulator.world
        .imagesIn(region)
        .find((i) => i.ownerId === owner.accountId && i.state === 'available' && !used.has(i.imageId) && test(i));
      if (!image) throw new Error(`no spare image of ${ownerName} in ${region}`);
      used.add(image.imageId);
      return image;
    },
  };
  return fixture;
}

/** The name of the error a call fails with (AWS's error code); fails the test when it succeeds. */
export async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error.name;
    throw error;
  }
  throw new Error('expected the call to fail');
}
