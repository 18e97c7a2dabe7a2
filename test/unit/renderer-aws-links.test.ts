/** What "Open in AWS Console", "Copy ARN" and "Copy as AWS CLI command" give the user, and what main opens. */
import { usageConsoleUrl } from '../../renderer/features/images/detail/usageLinks';
import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract';
import type { AccessPathSummary, AccountSummary } from '../../shared/model';
import { imageConsoleUrl } from '../../electron/core/app/console-url';
import { AppService } from '../../electron/core/app/service';
import { serve } from '../../electron/core/serve';
import { channels as appChannels } from '../../shared/contract/app';
import { consoleUrl, describeImagesCommand, endpointOf, imageArn, partitionOf, readPathOf, shellWord } from '../../renderer/lib/awsLinks';
import { accountSummary } from './renderer-fixtures';

const IMAGE = 'ami-0123456789abcdef0';

function withPaths(paths: Array<Partial<AccessPathSummary>>, over: Partial<AccountSummary> = {}): AccountSummary {
  const base = accountSummary('4c1f3a9e-6b52-4df7-9a0e-7f1d2c3b4a5e');
  const template = base.paths[0]!;
  return {
    ...base,
    paths: paths.map((p, i) => ({ ...template, id: `9e0b7c1d-0000-4000-8000-00000000000${i}`, ...p })),
    ...over,
  };
}

const profile = (profileName: string): Partial<AccessPathSummary> => ({ kind: 'profile', profileName, accessKeyId: null, via: `profile ${profileName}` });
const key: Partial<AccessPathSummary> = { kind: 'access-key' };
const role: Partial<AccessPathSummary> = { kind: 'assume-role', accessKeyId: null, roleArn: 'arn:aws:iam::111122223333:role/Ops' };

describe('AWS Console link', () => {
  it('opens the image in its own region of the console', () => {
    expect(consoleUrl('eu-west-1', IMAGE)).toBe(`https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#ImageDetails:imageId=${IMAGE}`);
    expect(consoleUrl('ap-southeast-2', IMAGE)).toBe(`https://ap-southeast-2.console.aws.amazon.com/ec2/home?region=ap-southeast-2#ImageDetails:imageId=${IMAGE}`);
  });

  it('offers no link outside the commercial partition', () => {
    for (const region of ['cn-north-1', 'us-gov-west-1', 'us-iso-east-1', 'us-isob-east-1']) {
      expect(consoleUrl(region, IMAGE), region).toBeNull();
      expect(imageConsoleUrl(region, IMAGE), region).toBeNull();
    }
  });

  it('is built the same way by main, which never takes a URL from the page', () => {
    for (const region of ['us-east-1', 'eu-central-1', 'sa-east-1', 'il-central-1']) {
      expect(imageConsoleUrl(region, IMAGE)).toBe(consoleUrl(region, IMAGE));
    }
    const input = channels['app:openConsole'].input;
    expect(input.safeParse({ region: 'eu-west-1', imageId: IMAGE }).success).toBe(true);
    expect(input.safeParse({ region: 'eu-west-1', imageId: IMAGE, url: 'https://example.com' }).success).toBe(false);
    expect(input.safeParse({ region: 'evil.example.com/x', imageId: IMAGE }).success).toBe(false);
    expect(input.safeParse({ region: 'eu-west-1', imageId: 'ami-0abc#@evil' }).success).toBe(false);
    expect(input.safeParse({ url: 'https://example.com' }).success).toBe(false);
  });

  it('main opens exactly the image page, and says why not for other partitions', async () => {
    const opened: string[] = [];
    const handlers = serve(appChannels, new AppService({ info: { name: 'AMI Atlas', version: '0', platform: 'linux', host: 'preview' }, openUrl: async (url) => void opened.push(url) }));
    await expect(handlers['app:openConsole']({ region: 'us-west-2', imageId: IMAGE })).resolves.toEqual({ url: consoleUrl('us-west-2', IMAGE) });
    expect(opened).toEqual([consoleUrl('us-west-2', IMAGE)]);
    await expect(handlers['app:openConsole']({ region: 'cn-north-1', imageId: IMAGE })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('cn-north-1') });
    expect(opened).toHaveLength(1);
  });
});

describe('resources an AMI is used by', () => {
  it('main opens exactly the page the page shows, built from the kind, region and name it was given, never a URL', async () => {
    const opened: string[] = [];
    const handlers = serve(appChannels, new AppService({ info: { name: 'AMI Atlas', version: '0', platform: 'linux', host: 'preview' }, openUrl: async (url) => void opened.push(url) }));
    const ref = { kind: 'launch-template', region: 'eu-west-1', resource: 'ci runner' } as const;
    await expect(handlers['app:openResourceConsole'](ref)).resolves.toEqual({ url: usageConsoleUrl(ref) });
    expect(opened).toEqual(['https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#LaunchTemplates:search=ci%20runner']);
    await expect(handlers['app:openResourceConsole']({ ...ref, region: 'us-gov-west-1' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('us-gov-west-1') });
    const input = channels['app:openResourceConsole'].input;
    expect(input.safeParse({ ...ref, url: 'https://example.com' }).success).toBe(false);
    expect(input.safeParse({ ...ref, kind: 'bucket' }).success).toBe(false);
    expect(input.safeParse({ ...ref, region: 'evil.example.com/x' }).success).toBe(false);
    expect(opened).toHaveLength(1);
  });
});

describe('ARN', () => {
  it('has no account, and names the partition of its region', () => {
    expect(imageArn('eu-west-1', IMAGE)).toBe(`arn:aws:ec2:eu-west-1::image/${IMAGE}`);
    expect(imageArn('cn-northwest-1', IMAGE)).toBe(`arn:aws-cn:ec2:cn-northwest-1::image/${IMAGE}`);
    expect(imageArn('us-gov-east-1', IMAGE)).toBe(`arn:aws-us-gov:ec2:us-gov-east-1::image/${IMAGE}`);
    expect(partitionOf('us-isob-east-1')).toBe('aws-iso-b');
    expect(partitionOf('us-iso-east-1')).toBe('aws-iso');
  });
});

describe('AWS CLI command', () => {
  const image = { region: 'eu-west-1', imageId: IMAGE };
  const plain = `aws ec2 describe-images --region eu-west-1 --image-ids ${IMAGE}`;

  it('names the profile when the account is read through one', () => {
    expect(describeImagesCommand(image, withPaths([profile('acme-readonly')]))).toBe(`${plain} --profile acme-readonly`);
  });

  it('uses the read path the user marked, else the first path', () => {
    const account = withPaths([key, profile('acme-readonly'), profile('acme-admin')]);
    expect(describeImagesCommand(image, account)).toBe(plain);
    expect(describeImagesCommand(image, { ...account, readPath: account.paths[1]!.id })).toBe(`${plain} --profile acme-readonly`);
    expect(describeImagesCommand(image, { ...account, readPath: account.paths[2]!.id })).toBe(`${plain} --profile acme-admin`);
    expect(readPathOf({ ...account, readPath: 'gone' })?.kind).toBe('access-key');
  });

  it('has no profile for key pairs and roles kept in the app', () => {
    expect(describeImagesCommand(image, withPaths([key]))).toBe(plain);
    expect(describeImagesCommand(image, withPaths([role]))).toBe(plain);
    expect(describeImagesCommand(image, withPaths([]))).toBe(plain);
    expect(describeImagesCommand(image, null)).toBe(plain);
  });

  it('points at the account’s own endpoint when it has one', () => {
    expect(describeImagesCommand(image, withPaths([key], { endpoint: 'http://127.0.0.1:4566' }))).toBe(`${plain} --endpoint-url http://127.0.0.1:4566`);
    // A profile with its own endpoint_url: the command reads where the app reads.
    expect(describeImagesCommand(image, withPaths([{ ...profile('local'), endpoint: 'http://localhost:4566' }]))).toBe(`${plain} --profile local --endpoint-url http://localhost:4566`);
  });

  it('knows an account behind another endpoint is not in AWS (no console page for it)', () => {
    expect(endpointOf(withPaths([key]))).toBeNull();
    expect(endpointOf(null)).toBeNull();
    expect(endpointOf(withPaths([key], { endpoint: 'http://127.0.0.1:4566' }))).toBe('http://127.0.0.1:4566');
    expect(endpointOf(withPaths([{ ...profile('local'), endpoint: 'http://localhost:4566' }]))).toBe('http://localhost:4566');
  });

  it('quotes what a shell would split, and never names the app’s own ids', () => {
    const account = withPaths([profile("client's admin")]);
    const command = describeImagesCommand(image, account);
    expect(command).toBe(`${plain} --profile 'client'\\''s admin'`);
    expect(command).not.toContain(account.id);
    expect(command).not.toContain(account.paths[0]!.id);
    expect(shellWord('acme-prod.readonly@eu')).toBe('acme-prod.readonly@eu');
    expect(shellWord('a b')).toBe(`'a b'`);
  });
});
