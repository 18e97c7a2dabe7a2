/**
 * The demo workspace: a world of accounts served by an AWS-compatible endpoint on loopback.
 * The core only sees endpoints and key pairs, exactly as for real AWS; the composition root
 * decides what serves them (the bundled emulator).
 */
export interface DemoAccount {
  name: string;
  clientName: string;
  clientColor: string;
  production: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  defaultRegion: string;
}

export interface DemoWorld {
  endpoint: string;
  accounts: DemoAccount[];
  close(): Promise<void>;
}

export type StartDemoWorld = () => Promise<DemoWorld>;
