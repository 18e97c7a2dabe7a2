/**
 * Image Builder authoring on the emulator with the real Image Builder client: CreateComponent
 * reads the document as the service does (a problem is InvalidParameterValueException naming
 * it), checks the semantic version and refuses a version that exists; ListComponentBuildVersions
 * lists a version's builds; recipes take new versions under one name, each listed and read.
 */
import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  GetComponentCommand,
  GetImageRecipeCommand,
  ImagebuilderClient,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
  ListImageRecipesCommand,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type RunningEmulator } from '../../emulator';

let emulator: RunningEmulator;
const STAGING = IMAGE_BUILDER_FIXTURES.staging;
const REGION = STAGING.region;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 3 });
});

afterAll(async () => {
  await emulator?.close();
});

function client(accountName: string = STAGING.accountName): ImagebuilderClient {
  const id = emulator.identities.find((i) => i.accountName === accountName)!;
  return new ImagebuilderClient({ endpoint: emulator.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } });
}

const accountId = (name: string = STAGING.accountName) => emulator.identities.find((i) => i.accountName === name)!.accountId;

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}

const doc = (steps: string, phase = 'build') => `name: agent\nschemaVersion: 1.0\nphases:\n  - name: ${phase}\n    steps:\n${steps}`;
const bash = '      - name: Install\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo ok\n';

const create = (name: string, version: string, data: string, extra: Partial<ConstructorParameters<typeof CreateComponentCommand>[0]> = {}) =>
  client().send(new CreateComponentCommand({ name, semanticVersion: version, platform: 'Linux', data, clientToken: `${name}-${version}-${data.length}`, ...extra }));

describe('CreateComponent reads the document', () => {
  it('refuses a document with a mistake with InvalidParameterValueException naming it, and stores nothing', async () => {
    const cases: Array<[string, RegExp]> = [
      ['name: x\nphases: [\n', /The document is not valid YAML/],
      ['name: x\nphases:\n  - name: build\n', /missing the required field 'schemaVersion'/],
      ['name: x\nschemaVersion: 1.0\n', /missing the required field 'phases'/],
      [doc(bash, 'install'), /Phase 'install' is not supported/],
      [doc('      - name: Download\n        action: S3Download\n'), /Parsing step 'Download' in phase 'build' failed\. Error: Action S3Download has no inputs; it requires an 'inputs'/],
      [doc('      - name: Run\n        action: RunScript\n        inputs: {}\n'), /Action 'RunScript' is not a supported action module/],
      [doc(bash + bash), /Step name 'Install' is used more than once in phase 'build'/],
      [doc('      - action: Reboot\n'), /Step 1 in phase 'build' requires a 'name'/],
    ];
    for (const [data, message] of cases) {
      const error = await errorOf(create('broken-agent', '1.0.0', data));
      expect(error.name, data).toBe('InvalidParameterValueException');
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/^The value supplied for parameter 'data' is not valid\. /);
      expect(error.message).toMatch(message);
    }
    const listed = await client().send(new ListComponentsCommand({ owner: 'Self', filters: [{ name: 'name', values: ['broken-agent'] }] }));
    expect(listed.componentVersionList).toEqual([]);
  });

  it('checks the semantic version and refuses a version that exists; a higher version is a new version', async () => {
    const bad = await errorOf(create('versioned-agent', '1.0', doc(bash)));
    expect(bad).toMatchObject({ name: 'InvalidVersionNumberException', status: 400 });
    const huge = await errorOf(create('versioned-agent', '1073741824.0.0', doc(bash)));
    expect(huge).toMatchObject({ name: 'InvalidVersionNumberException', status: 400 });

    const first = await create('versioned-agent', '1.0.0', doc(bash), { description: 'Installs the agent', changeDescription: 'First version' });
    const versionArn = `arn:aws:imagebuilder:${REGION}:${accountId()}:component/versioned-agent/1.0.0`;
    expect(first.componentBuildVersionArn).toBe(`${versionArn}/1`);

    const again = await errorOf(create('versioned-agent', '1.0.0', doc(bash.replace('echo ok', 'echo changed'))));
    expect(again.name).toBe('ResourceAlreadyExistsException');
    expect(again.message).toBe(`The following resource 'Component' already exists: '${versionArn}'.`);

    await create('versioned-agent', '1.0.1', doc(bash.replace('echo ok', 'echo two')), { changeDescription: 'Second version' });
    const listed = await client().send(new ListComponentsCommand({ owner: 'Self', filters: [{ name: 'name', values: ['versioned-agent'] }] }));
    expect(listed.componentVersionList?.map((c) => c.version)).toEqual(['1.0.1', '1.0.0']);

    const builds = await client().send(new ListComponentBuildVersionsCommand({ componentVersionArn: versionArn }));
    expect(builds.componentSummaryList).toHaveLength(1);
    expect(builds.componentSummaryList![0]).toMatchObject({ arn: `${versionArn}/1`, version: '1.0.0', changeDescription: 'First version', description: 'Installs the agent', type: 'BUILD', platform: 'Linux' });

    const read = await client().send(new GetComponentCommand({ componentBuildVersionArn: `${versionArn}/1` }));
    expect(read.component?.data).toContain('echo ok');
  });

  it('a document with only a test phase makes a TEST component', async () => {
    const made = await create('smoke-test', '1.0.0', doc('      - name: Check\n        action: ExecuteBash\n        inputs:\n          commands: ["true"]\n', 'test'));
    const read = await client().send(new GetComponentCommand({ componentBuildVersionArn: made.componentBuildVersionArn }));
    expect(read.component?.type).toBe('TEST');
  });

  it('ListComponentBuildVersions checks the ARN and answers nothing for a version that does not exist', async () => {
    const bad = await errorOf(client().send(new ListComponentBuildVersionsCommand({ componentVersionArn: `arn:aws:imagebuilder:${REGION}:${accountId()}:component/x/1.0.0/1` })));
    expect(bad).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    const none = await client().send(new ListComponentBuildVersionsCommand({ componentVersionArn: `arn:aws:imagebuilder:${REGION}:${accountId()}:component/nothing-here/9.9.9` }));
    expect(none.componentSummaryList).toEqual([]);
    // Another account's component version is not listed to this one.
    const other = await client('acme-production').send(
      new ListComponentBuildVersionsCommand({ componentVersionArn: `arn:aws:imagebuilder:${REGION}:${accountId()}:component/versioned-agent/1.0.0` }),
    );
    expect(other.componentSummaryList).toEqual([]);
  });
});

describe('recipe versions', () => {
  it('a recipe name takes a new version; every version is listed and read; an existing version is refused', async () => {
    const source = await client().send(
      new GetImageRecipeCommand({ imageRecipeArn: `arn:aws:imagebuilder:${REGION}:${accountId()}:image-recipe/${STAGING.recipeName}/${STAGING.recipeVersion}` }),
    );
    const recipe = source.imageRecipe!;
    const made = await client().send(
      new CreateImageRecipeCommand({
        name: recipe.name,
        semanticVersion: '2.1.1',
        parentImage: recipe.parentImage,
        components: recipe.components,
        description: 'cloned',
        clientToken: 'clone-2.1.1',
      }),
    );
    expect(made.imageRecipeArn).toBe(`arn:aws:imagebuilder:${REGION}:${accountId()}:image-recipe/${STAGING.recipeName}/2.1.1`);
    const listed = await client().send(new ListImageRecipesCommand({ owner: 'Self', filters: [{ name: 'name', values: [STAGING.recipeName] }] }));
    expect(listed.imageRecipeSummaryList?.map((r) => r.arn?.split('/').pop()).sort()).toEqual(['2.1.0', '2.1.1']);
    const read = await client().send(new GetImageRecipeCommand({ imageRecipeArn: made.imageRecipeArn }));
    expect(read.imageRecipe).toMatchObject({ version: '2.1.1', description: 'cloned', parentImage: recipe.parentImage, components: recipe.components });

    const again = await errorOf(
      client().send(new CreateImageRecipeCommand({ name: recipe.name, semanticVersion: '2.1.1', parentImage: recipe.parentImage, components: recipe.components })),
    );
    expect(again).toMatchObject({ name: 'ResourceAlreadyExistsException', status: 400, message: `The following resource 'ImageRecipe' already exists: '${made.imageRecipeArn}'.` });
  });
});
