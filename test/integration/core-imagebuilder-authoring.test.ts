/**
 * Image Builder authoring through the core, against the emulator over HTTP with the real SDK: a
 * component document with a mistake is refused with its line named (AWS never asked), a good one
 * is created and listed with its versions, its document read back, a new version made from it;
 * an existing version and a production account without its typed name are refused; each create
 * is in the audit log; a recipe is cloned into a new version with changes.
 */
import { describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { STARTER_DOCUMENT } from '../../shared/component-document';
import type { AccountSummary } from '../../shared/model';
import { failure, useDemoCore } from './core-fixture';
import { regionLabel } from '../../shared/region-names';

const demo = useDemoCore();
const { staging, hub } = IMAGE_BUILDER_FIXTURES;

const entry = (name: string): AccountSummary => demo.workspace.accounts.find((a) => a.name === name)!;

const component = (account: string, overrides: Partial<Parameters<AppCore['handlers']['builder:componentCreate']>[0]> = {}) => ({
  account,
  region: staging.region,
  name: 'web-hardening',
  version: '1.0.0',
  platform: 'Linux' as const,
  supportedOsVersions: ['Amazon Linux 2023'],
  description: 'Hardens the web tier',
  changeDescription: 'First version',
  data: STARTER_DOCUMENT,
  confirmations: {},
  ...overrides,
});

describe('components', () => {
  it('a document with a mistake is refused with its line named, and nothing is created', async () => {
    const account = entry(staging.accountName).id;
    const broken = STARTER_DOCUMENT.replace('action: ExecuteBash', 'action: ExecuteBsh');
    const error = await failure(demo.core.handlers['builder:componentCreate'](component(account, { name: 'broken-one', data: broken })));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('Line 8, column 17: Step SayHello: "ExecuteBsh" is not an action module');
    expect(error.message).toContain(`so it was not sent to ${staging.accountName} (${entry(staging.accountName).awsAccountId}) · ${regionLabel(staging.region)}.`);
    expect(error.details?.issues).toHaveLength(1);
    const families = await demo.core.handlers['builder:componentVersions']({ account, region: staging.region });
    expect(families.map((f) => f.name)).not.toContain('broken-one');
  });

  it('a YAML syntax error is refused with its line', async () => {
    const account = entry(staging.accountName).id;
    const broken = STARTER_DOCUMENT.replace('    steps:\n      - name: SayHello', '    steps:\n     - name: SayHello\n   oops');
    const error = await failure(demo.core.handlers['builder:componentCreate'](component(account, { name: 'broken-yaml', data: broken })));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/Line \d+, column \d+: YAML: /);
  });

  it('creates a component, lists it with its versions and document, makes a new version, refuses an existing one, and audits each create', async () => {
    const account = entry(staging.accountName).id;
    const made = await demo.core.handlers['builder:componentCreate'](component(account));
    expect(made).toMatchObject({ name: 'web-hardening', version: '1.0.0' });
    expect(made.arn).toMatch(/:component\/web-hardening\/1\.0\.0\/1$/);
    expect(made.message).toBe(`Created web-hardening 1.0.0 in ${staging.accountName} (${entry(staging.accountName).awsAccountId}) · ${regionLabel(staging.region)}.`);

    const second = await demo.core.handlers['builder:componentCreate'](
      component(account, { version: '1.0.1', changeDescription: 'Says goodbye too', data: STARTER_DOCUMENT.replace('Hello from', 'Goodbye from') }),
    );
    expect(second.version).toBe('1.0.1');

    const families = await demo.core.handlers['builder:componentVersions']({ account, region: staging.region });
    const family = families.find((f) => f.name === 'web-hardening')!;
    expect(family).toMatchObject({ platform: 'Linux', type: 'BUILD', description: 'Hardens the web tier' });
    expect(family.versions.map((v) => [v.version, v.changeDescription])).toEqual([
      ['1.0.1', 'Says goodbye too'],
      ['1.0.0', 'First version'],
    ]);
    expect(family.versions[1]!.builds).toEqual([made.arn]);
    expect(family.versions[0]!.supportedOsVersions).toEqual(['Amazon Linux 2023']);
    // The seeded component is listed beside it.
    expect(families.map((f) => f.name)).toContain(staging.componentName);

    const document = await demo.core.handlers['builder:componentDocument']({ account, region: staging.region, arn: family.versions[0]!.builds[0]! });
    expect(document).toMatchObject({ name: 'web-hardening', version: '1.0.1', type: 'BUILD', changeDescription: 'Says goodbye too' });
    expect(document.data).toContain('Goodbye from');

    const again = await failure(demo.core.handlers['builder:componentCreate'](component(account, { version: '1.0.0' })));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe(
      `web-hardening 1.0.0 already exists in ${staging.accountName} (${entry(staging.accountName).awsAccountId}) · ${regionLabel(staging.region)}: a version cannot be changed once made. Create 1.0.2 instead.`,
    );

    const audit = await demo.core.handlers['audit:list']({ limit: 50 });
    const created = audit.filter((e) => e.action === 'component-create' && e.account === account);
    expect(created.map((e) => [e.imageName, e.outcome, e.region])).toEqual([
      ['web-hardening 1.0.1', 'ok', staging.region],
      ['web-hardening 1.0.0', 'ok', staging.region],
    ]);
    expect(created[1]!.detail).toBe('component web-hardening 1.0.0 (Linux)');
  });

  it('the new component can be put in a pipeline', async () => {
    const account = entry(staging.accountName);
    const choices = await demo.core.handlers['builder:components']({ account: account.id, region: staging.region });
    const mine = choices.find((c) => c.name === 'web-hardening' && c.version === '1.0.1')!;
    expect(mine).toMatchObject({ owner: 'Self', type: 'BUILD' });
    const parent = demo.emulator.world.imagesIn(staging.region).find((i) => i.ownerId === account.awsAccountId && i.state === 'available')!;
    const created = await demo.core.handlers['builder:create']({
      account: account.id,
      region: staging.region,
      name: 'web-hardened',
      description: '',
      parentImage: parent.imageId,
      recipeVersion: '1.0.0',
      components: [mine.arn],
      tests: [],
      instanceProfileName: 'EC2InstanceProfileForImageBuilder',
      instanceTypes: ['m5.large'],
      terminateInstanceOnFailure: true,
      regions: [staging.region],
      amiName: 'web-hardened-{{ imagebuilder:buildDate }}',
      shareWithAccounts: [],
      schedule: null,
      confirmations: {},
    });
    const detail = await demo.core.handlers['builder:pipeline']({ account: account.id, region: staging.region, arn: created.pipelineArn });
    expect(detail.recipe!.components.map((c) => c.name)).toEqual(['web-hardening']);
  });

  it('a production account needs its typed name to create a component', async () => {
    const production = entry(hub.accountName);
    expect(production.production).toBe(true);
    const refused = await failure(demo.core.handlers['builder:componentCreate']({ ...component(production.id), region: hub.region, name: 'hub-agent' }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    const made = await demo.core.handlers['builder:componentCreate']({ ...component(production.id), region: hub.region, name: 'hub-agent', confirmations: { [production.id]: production.name } });
    expect(made.version).toBe('1.0.0');
  });
});

describe('recipes', () => {
  it('lists recipes with their versions and clones one into a new version with changes', async () => {
    const account = entry(staging.accountName).id;
    const before = await demo.core.handlers['builder:recipeVersions']({ account, region: staging.region });
    const family = before.find((f) => f.name === staging.recipeName)!;
    expect(family.versions.map((v) => v.version)).toEqual([staging.recipeVersion]);
    const source = family.versions[0]!;
    expect(source.components.map((c) => c.name)).toContain(staging.componentName);

    const extra = (await demo.core.handlers['builder:components']({ account, region: staging.region })).find((c) => c.name === 'web-hardening' && c.version === '1.0.0')!;
    const cloned = await demo.core.handlers['builder:recipeClone']({
      account,
      region: staging.region,
      sourceArn: source.arn,
      version: '2.1.1',
      description: 'With web hardening',
      parentImage: null,
      components: [...source.components.map((c) => c.arn), extra.arn],
      confirmations: {},
    });
    expect(cloned).toMatchObject({ name: staging.recipeName, version: '2.1.1' });

    const after = (await demo.core.handlers['builder:recipeVersions']({ account, region: staging.region })).find((f) => f.name === staging.recipeName)!;
    expect(after.versions.map((v) => v.version)).toEqual(['2.1.1', staging.recipeVersion]);
    expect(after.versions[0]).toMatchObject({ description: 'With web hardening', parentImage: source.parentImage });
    expect(after.versions[0]!.components.map((c) => c.name)).toEqual([...source.components.map((c) => c.name), 'web-hardening']);

    const again = await failure(
      demo.core.handlers['builder:recipeClone']({ account, region: staging.region, sourceArn: source.arn, version: '2.1.1', description: '', parentImage: null, components: null, confirmations: {} }),
    );
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('Create 2.1.2 instead.');

    const audit = await demo.core.handlers['audit:list']({ limit: 50 });
    expect(audit.find((e) => e.action === 'recipe-version')).toMatchObject({ imageName: `${staging.recipeName} 2.1.1`, outcome: 'ok' });
  });
});
