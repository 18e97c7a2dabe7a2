/**
 * The public `/aws/service/…` parameters with the real SDK: any account reads the newest Amazon
 * Linux, Ubuntu, Debian and Windows AMI of the region by name or ARN and by path, DescribeParameters
 * does not list them, and the pipeline wizard follows `ssm:/aws/service/…` to its AMI.
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeParametersCommand, GetParametersByPathCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator';
import { useDemoCore } from './core-fixture';

const demo = useDemoCore();
const REGION = 'eu-west-1';
const AL2023 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const WINDOWS = '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base';

function clients(accountName: string) {
  const id = demo.emulator.identities.find((i) => i.accountName === accountName)!;
  const config = { endpoint: demo.emulator.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } };
  return { ssm: new SSMClient(config), ec2: new EC2Client(config) };
}

describe('public parameters', () => {
  it('name the newest Amazon Linux 2023 AMI of the region, the same for every account, by name or ARN', async () => {
    const { ssm, ec2 } = clients(IMAGE_BUILDER_FIXTURES.hub.accountName);
    const al2023 = (
      await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], IncludeDeprecated: true, Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-kernel-6.1-x86_64'] }, { Name: 'state', Values: ['available'] }] }))
    ).Images ?? [];
    const newest = [...al2023].sort((a, b) => (a.CreationDate! < b.CreationDate! ? 1 : -1))[0]!;

    const arn = `arn:aws:ssm:${REGION}::parameter${WINDOWS}`;
    const read = await ssm.send(new GetParametersCommand({ Names: [AL2023, arn, '/aws/service/ami-amazon-linux-latest/al2099'] }));
    const al = read.Parameters!.find((p) => p.Name === AL2023)!;
    expect(al).toMatchObject({ Type: 'String', DataType: 'text', Value: newest.ImageId, ARN: `arn:aws:ssm:${REGION}::parameter${AL2023}` });
    expect(al.Version).toBe(al2023.length);
    expect(read.Parameters!.find((p) => p.Name === WINDOWS)!.Value).toMatch(/^ami-/);
    expect(read.InvalidParameters).toEqual(['/aws/service/ami-amazon-linux-latest/al2099']);

    const other = clients('globex-prod').ssm;
    expect((await other.send(new GetParametersCommand({ Names: [AL2023] }))).Parameters![0]!.Value).toBe(newest.ImageId);
  });

  it('are read by path under /aws/service/, and DescribeParameters lists only the account’s own', async () => {
    const { ssm } = clients(IMAGE_BUILDER_FIXTURES.hub.accountName);
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(new GetParametersByPathCommand({ Path: '/aws/service/ami-amazon-linux-latest', NextToken }));
      names.push(...(page.Parameters ?? []).map((p) => p.Name!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toContain(AL2023);
    expect(names.every((n) => n.startsWith('/aws/service/ami-amazon-linux-latest/'))).toBe(true);

    const own = (await ssm.send(new DescribeParametersCommand({ MaxResults: 50 }))).Parameters ?? [];
    expect(own.some((p) => p.Name!.startsWith('/aws/service/'))).toBe(false);
  });
});

describe('the pipeline wizard', () => {
  it('follows ssm:/aws/service/… to its AMI, with the platform the components must match', async () => {
    const account = demo.workspace.accounts.find((a) => a.name === IMAGE_BUILDER_FIXTURES.hub.accountName)!;
    const linux = await demo.core.handlers['builder:checkBaseImage']({ account: account.id, region: REGION, parentImage: `ssm:${AL2023}` });
    expect(linux).toMatchObject({ ok: true, kind: 'ssm', platform: 'Linux', architecture: 'x86_64' });
    expect(linux.ok && linux.name).toMatch(/^al2023-ami-2023\./);
    const windows = await demo.core.handlers['builder:checkBaseImage']({ account: account.id, region: REGION, parentImage: `ssm:${WINDOWS}` });
    expect(windows).toMatchObject({ ok: true, kind: 'ssm', platform: 'Windows' });
  });
});
