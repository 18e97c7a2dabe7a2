/**
 * What one AWS call costs this process in CPU, measured through the app's own client setup
 * (ClientPool's single-attempt EC2 clients, one per path and region, as the scanner's) against the
 * emulator with no latency and no throttling, so nothing but the client's work is timed. The
 * emulator runs in another process, so its work is not in this process's CPU time.
 *
 * A DescribeImages page costs more than a call that answers one small thing: the answer's XML
 * is parsed image by image. The calibration times both and splits a page's cost into a call's
 * own cost plus a cost per listed image, so it can be applied to worlds of any page size.
 */
import { DescribeImageAttributeCommand, DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { ClientPool } from '../../electron/core/aws/client-pool';
import { pathRecord, type PathRecord } from '../../electron/core/accounts/registry';
import { describeImagesInputFor } from '../../electron/core/images/list-images';
import type { EmulatorIdentity } from '../../emulator';
import type { ImageView } from '../../shared/model';
import { DESCRIBE_IMAGES_PAGE, type CallCost } from './scan-bounds';
import type { TruthPlace, WorldTruth } from './scan-truth';

type Gc = () => void;
const gcOf = (): Gc | undefined => (globalThis as { gc?: Gc }).gc;

export interface CallCostOptions {
  endpoint: string;
  identities: readonly EmulatorIdentity[];
  truth: WorldTruth;
  /** DescribeImageAttribute calls timed (a few thousand). */
  attributeCalls: number;
  /** DescribeImages pages timed (a few hundred, half of each view). */
  pageCalls: number;
  /** Calls in flight at once. */
  inFlight: number;
  /** Account-regions the calls are spread over (one client each, as in a scan). */
  places: number;
  /** The emulator process's CPU time so far (ms), to measure the server's share too. */
  serverCpuMs: () => Promise<number>;
}

/** Runs `count` jobs, `inFlight` at a time. */
async function runAll(count: number, inFlight: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

export async function measureCallCost(o: CallCostOptions): Promise<CallCost> {
  const byAccount = new Map(o.identities.map((i) => [i.accountId, i]));
  const chosen: { place: TruthPlace; path: PathRecord }[] = [];
  const seenAccounts = new Set<string>();
  // Different accounts first, as a scan's clients are.
  for (const place of o.truth.places) {
    if (chosen.length >= o.places) break;
    const identity = byAccount.get(place.accountId);
    if (!identity || place.owned.length === 0 || seenAccounts.has(place.accountId)) continue;
    seenAccounts.add(place.accountId);
    chosen.push({
      place,
      path: pathRecord({
        kind: 'access-key',
        id: `calibration-${identity.accountId}`,
        accountId: identity.accountId,
        accessKeyId: identity.accessKeyId,
        endpoint: o.endpoint,
        accountName: identity.accountName,
        awsAccountId: identity.accountId,
        defaultRegion: identity.defaultRegion,
      }),
    });
  }
  if (chosen.length === 0) throw new Error('calibration: the world has no account-region with images of its own');
  const secretOf = new Map(o.identities.map((i) => [i.accessKeyId, i.secretAccessKey]));
  const pool = new ClientPool({
    credentialsFor: (path) => async () => ({ accessKeyId: path.accessKeyId ?? '', secretAccessKey: secretOf.get(path.accessKeyId ?? '') ?? '' }),
  });

  // The scanner's clients make one attempt and the scanner retries; here a call whose kept-alive
  // connection the server had just closed is sent again, and counted.
  let resent = 0;
  const once = async <T>(send: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= 3 || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw error;
        resent++;
      }
    }
  };
  const page = async (i: number, view: ImageView): Promise<number> => {
    const { place, path } = chosen[i % chosen.length]!;
    const input = { ...describeImagesInputFor(view), MaxResults: DESCRIBE_IMAGES_PAGE };
    const out = await once(() => pool.ec2SingleAttempt(path, place.region).send(new DescribeImagesCommand(input)));
    return out.Images?.length ?? 0;
  };
  const attribute = async (i: number): Promise<void> => {
    const { place, path } = chosen[i % chosen.length]!;
    const imageId = place.owned[Math.floor(i / chosen.length) % place.owned.length]!;
    await once(() => pool.ec2SingleAttempt(path, place.region).send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' })));
  };

  try {
    // Clients made, credentials resolved, connections open and code warmed up: a scan pays that once per client.
    await runAll(chosen.length * 2, o.inFlight, (i) => page(i, i % 2 === 0 ? 'owned' : 'shared').then(() => undefined));
    await runAll(Math.min(500, o.attributeCalls), o.inFlight, attribute);

    gcOf()?.();
    let images = 0;
    let serverAt = await o.serverCpuMs();
    let started = process.cpuUsage();
    let wall = performance.now();
    await runAll(o.pageCalls, o.inFlight, async (i) => {
      // Read after the answer: `images += await …` would add to the value from before the wait.
      const listed = await page(i, i % 2 === 0 ? 'owned' : 'shared');
      images += listed;
    });
    const pageCpu = cpuMs(started);
    const pageWall = performance.now() - wall;
    const pageServer = (await o.serverCpuMs()) - serverAt;

    gcOf()?.();
    serverAt = await o.serverCpuMs();
    started = process.cpuUsage();
    wall = performance.now();
    await runAll(o.attributeCalls, o.inFlight, attribute);
    const attributeCpu = cpuMs(started);
    const attributeWall = performance.now() - wall;
    const attributeServer = (await o.serverCpuMs()) - serverAt;

    const perCallMs = attributeCpu / o.attributeCalls;
    const perListedImageMs = images > 0 ? Math.max(0, pageCpu - o.pageCalls * perCallMs) / images : 0;
    const server = {
      perCallMs: attributeServer / o.attributeCalls,
      perListedImageMs: images > 0 ? Math.max(0, pageServer - (o.pageCalls * attributeServer) / o.attributeCalls) / images : 0,
    };
    const detail =
      `${o.attributeCalls.toLocaleString('en-US')} DescribeImageAttribute: ${(perCallMs * 1000).toFixed(0)} µs CPU each (${Math.round(attributeCpu)} ms CPU in ${Math.round(attributeWall)} ms); ` +
      `${o.pageCalls} DescribeImages pages of ${(images / o.pageCalls).toFixed(0)} images on average: ${(pageCpu / o.pageCalls).toFixed(2)} ms CPU each ` +
      `(${(perListedImageMs * 1000).toFixed(1)} µs per image above a call's own; ${Math.round(pageCpu)} ms CPU in ${Math.round(pageWall)} ms); ` +
      `${chosen.length} clients, ${o.inFlight} calls in flight, 0 ms emulator${resent > 0 ? `, ${resent} calls sent again after a reset connection` : ''}; ` +
      `the emulator's process meanwhile: ${(server.perCallMs * 1000).toFixed(0)} µs CPU per DescribeImageAttribute, ${(pageServer / o.pageCalls).toFixed(2)} ms per page`;
    return { perCallMs, perListedImageMs, server, detail };
  } finally {
    pool.destroy();
  }
}
