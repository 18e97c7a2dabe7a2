/**
 * Runs the emulator in the foreground: `npm run emulator -- --port 4566`.
 * Prints the endpoint and every identity so the AWS CLI (or the app) can be pointed at it.
 *
 * It binds to 127.0.0.1 unless --host is given: the printed secrets are only safe to serve
 * to other machines when someone asked for that explicitly.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_IMAGE_BUILDER_SETTINGS,
  DEFAULT_IMAGE_COPY_SETTINGS,
  IMAGE_BUILDER_FIXTURES,
  DEFAULT_SHARING_QUOTAS,
  LARGE_WORLD_DEFAULT,
  LARGE_WORLD_MAX_REGIONS,
  startEmulator,
  type EmulatorIdentity,
  type LargeWorldShape,
  type RunningEmulator,
} from './index';

const USAGE = `Usage: npm run emulator -- [--port 4566] [--host 127.0.0.1] [--latency ms] [--throttle 0..1] [--ec2-throttling [--ec2-throttling-scale x]] [--seed n]
                            [--large [--accounts n] [--regions n] [--images n]]

  --port      TCP port (default 4566; 0 picks a free one)
  --host      interface to bind (default 127.0.0.1; anything else must be asked for explicitly)
  --latency   delay before every answer, in milliseconds (default 0)
  --throttle  fraction of calls answered with a throttling error, 0..1 (default 0)
  --ec2-throttling        throttle EC2 calls with AWS's documented token buckets per account, region
                          and action (e.g. Describe*: 100 calls at once, then 20 a second)
  --ec2-throttling-scale  multiply every bucket's size and refill rate (default 1; implies --ec2-throttling)
  --seed      seed of the generated world (default 1)
  --large     serve the large benchmark world instead of the demo world:
              ${LARGE_WORLD_DEFAULT.accounts} accounts x ${LARGE_WORLD_DEFAULT.regions} regions x ${LARGE_WORLD_DEFAULT.imagesPerAccountRegion} private images, no public catalogue
  --accounts  accounts of the large world (1..1000; implies --large)
  --regions   enabled regions of the large world (1..${LARGE_WORLD_MAX_REGIONS}; implies --large)
  --images    private images per account and region (0..5000; implies --large)
  --public-ami-quota  public images per account and region (default 5, as AWS)
  --share-quota       accounts, organizations and OUs one image can be shared with (default 1000)
  --copy-seconds      seconds a CopyImage copy stays pending (default ${DEFAULT_IMAGE_COPY_SETTINGS.durationSeconds})
  --copy-concurrency  CopyImage copies in progress per account and destination region (default ${DEFAULT_IMAGE_COPY_SETTINGS.concurrentCopiesPerRegion})
  --image-build-seconds  seconds an Image Builder run takes from start to AVAILABLE (default ${DEFAULT_IMAGE_BUILDER_SETTINGS.buildSeconds})
  --unavailable ACTION=REGION[,REGION]  the action is unknown in those regions, as an API not rolled out
              there yet (repeatable), e.g. --unavailable DescribeImageReferences=eu-west-1
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function numberOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) fail(`--${name} must be a number from ${min} to ${max}`);
  return value;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd()).join('\n');
}

function identityRows(identities: EmulatorIdentity[]): string[][] {
  return [
    ['CLIENT', 'ACCOUNT', 'ACCOUNT ID', 'REGION', 'PROD', 'ACCESS KEY ID', 'SECRET ACCESS KEY'],
    ...identities.map((i) => [
      i.clientName,
      i.accountName,
      i.accountId,
      i.defaultRegion,
      i.production ? 'yes' : 'no',
      i.accessKeyId,
      i.secretAccessKey,
    ]),
  ];
}

function mfaRows(identities: EmulatorIdentity[]): string[][] {
  return [
    ['ACCOUNT', 'ALIAS', 'MFA SERIAL', 'TOTP SEED (base32)'],
    ...identities.map((i) => [i.accountName, i.accountAlias ?? '-', i.mfaSerial, i.mfaSeedBase32]),
  ];
}

function roleRows(emulator: RunningEmulator): string[][] {
  const named = emulator.roles.filter((r) => r.ssoPermissionSet === null);
  return [
    ['ROLE ARN', 'TRUSTS', 'CONDITION'],
    ...named.map((r) => [
      r.arn,
      r.trusts.join(' '),
      [r.externalId ? `ExternalId=${r.externalId}` : '', r.mfaRequired ? 'MFA' : ''].filter(Boolean).join(', ') || '-',
    ]),
  ];
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        latency: { type: 'string' },
        throttle: { type: 'string' },
        'ec2-throttling': { type: 'boolean' },
        'ec2-throttling-scale': { type: 'string' },
        seed: { type: 'string' },
        large: { type: 'boolean' },
        accounts: { type: 'string' },
        regions: { type: 'string' },
        images: { type: 'string' },
        'public-ami-quota': { type: 'string' },
        'share-quota': { type: 'string' },
        'copy-seconds': { type: 'string' },
        'copy-concurrency': { type: 'string' },
        'image-build-seconds': { type: 'string' },
        unavailable: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }

  const host = parsed.host ?? '127.0.0.1';
  const port = numberOption('port', parsed.port, 4566, 0, 65535);
  const latencyMs = numberOption('latency', parsed.latency, 0, 0, 60_000);
  const throttleRate = numberOption('throttle', parsed.throttle, 0, 0, 1);
  const ec2Throttling = {
    enabled: parsed['ec2-throttling'] === true || parsed['ec2-throttling-scale'] !== undefined,
    scale: numberOption('ec2-throttling-scale', parsed['ec2-throttling-scale'], 1, 0.001, 1000),
  };
  const seed = numberOption('seed', parsed.seed, 1, 0, 2 ** 32 - 1);
  if (!Number.isInteger(port) || !Number.isInteger(seed)) fail('--port and --seed must be whole numbers');
  const large = parsed.large === true || parsed.accounts !== undefined || parsed.regions !== undefined || parsed.images !== undefined;
  let world: LargeWorldShape | undefined;
  if (large) {
    world = {
      accounts: numberOption('accounts', parsed.accounts, LARGE_WORLD_DEFAULT.accounts, 1, 1000),
      regions: numberOption('regions', parsed.regions, LARGE_WORLD_DEFAULT.regions, 1, LARGE_WORLD_MAX_REGIONS),
      imagesPerAccountRegion: numberOption('images', parsed.images, LARGE_WORLD_DEFAULT.imagesPerAccountRegion, 0, 5000),
    };
    if (!Object.values(world).every((v) => Number.isInteger(v))) fail('--accounts, --regions and --images must be whole numbers');
  }

  const sharingQuotas = {
    publicImagesPerRegion: numberOption('public-ami-quota', parsed['public-ami-quota'], DEFAULT_SHARING_QUOTAS.publicImagesPerRegion, 0, 100_000),
    launchPermissionEntitiesPerImage: numberOption('share-quota', parsed['share-quota'], DEFAULT_SHARING_QUOTAS.launchPermissionEntitiesPerImage, 0, 100_000),
  };
  if (!Object.values(sharingQuotas).every((v) => Number.isInteger(v))) fail('--public-ami-quota and --share-quota must be whole numbers');

  const copyDurationSeconds = numberOption('copy-seconds', parsed['copy-seconds'], DEFAULT_IMAGE_COPY_SETTINGS.durationSeconds, 0, 86_400);
  const copyConcurrencyPerRegion = numberOption(
    'copy-concurrency',
    parsed['copy-concurrency'],
    DEFAULT_IMAGE_COPY_SETTINGS.concurrentCopiesPerRegion,
    0,
    100_000,
  );
  if (!Number.isInteger(copyConcurrencyPerRegion)) fail('--copy-concurrency must be a whole number');
  const imageBuildSeconds = numberOption('image-build-seconds', parsed['image-build-seconds'], DEFAULT_IMAGE_BUILDER_SETTINGS.buildSeconds, 0, 86_400);

  const unavailableActions: Record<string, string[]> = {};
  for (const spec of parsed.unavailable ?? []) {
    const match = /^([A-Za-z:]+)=([a-z0-9-]+(?:,[a-z0-9-]+)*)$/.exec(spec);
    if (!match?.[1] || !match[2]) fail(`--unavailable takes ACTION=REGION[,REGION], got ${spec}`);
    unavailableActions[match[1]] = match[2].split(',');
  }

  const startedAt = performance.now();
  const emulator = await startEmulator({
    port,
    host,
    latencyMs,
    throttleRate,
    ec2Throttling,
    seed,
    sharingQuotas,
    copyDurationSeconds,
    copyConcurrencyPerRegion,
    imageBuildSeconds,
    unavailableActions,
    ...(world ? { world } : {}),
  });
  const builtMs = Math.round(performance.now() - startedAt);
  const first = emulator.identities[0];
  const out: string[] = [
    `AMI Atlas AWS emulator listening on ${emulator.url}`,
    `EC2, STS, IAM and Auto Scaling (query), KMS and SSM (JSON), EC2 Image Builder, Recycle Bin and IAM Identity Center (rest-json) on one endpoint; region and service come from the request signature.`,
    `seed ${seed}, latency ${latencyMs} ms, throttle ${throttleRate}, EC2 token buckets ${ec2Throttling.enabled ? `on (scale ${ec2Throttling.scale})` : 'off'}`,
    ...(world
      ? [
          `large world: ${world.accounts} accounts x ${world.regions} regions x ${world.imagesPerAccountRegion} images = ` +
            `${world.accounts * world.regions * world.imagesPerAccountRegion} private images, built in ${builtMs} ms`,
        ]
      : []),
    '',
    table(identityRows(emulator.identities)),
    '',
    table(mfaRows(emulator.identities)),
    '',
    table(roleRows(emulator)),
    '',
    `IAM Identity Center: start URL ${emulator.sso.startUrl}, region ${emulator.sso.region}, user ${emulator.sso.user.userName};`,
    `  sign-in requests are approved at ${emulator.url}/sso/verify`,
    '',
    ...(world
      ? []
      : [
          `EC2 Image Builder pipelines (runs take ${imageBuildSeconds} s):`,
          ...Object.values(IMAGE_BUILDER_FIXTURES).map(
            (f) => `  ${f.accountName} ${f.region}: ${f.pipelineName} (works), ${f.failingPipelineName} (fails in its test phase)`,
          ),
          '',
        ]),
  ];
  if (!isLoopback(host)) {
    out.push(`WARNING: listening on ${host}; anyone who can reach it can use the keys above.`, '');
  }
  if (first) {
    out.push(
      'Try it with the AWS CLI:',
      `  AWS_ACCESS_KEY_ID=${first.accessKeyId} AWS_SECRET_ACCESS_KEY=${first.secretAccessKey} \\`,
      `  aws --endpoint-url ${emulator.url} --region ${first.defaultRegion} ec2 describe-images --owners self`,
      '',
    );
  }
  out.push('Press Ctrl+C to stop.');
  process.stdout.write(`${out.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping emulator\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
