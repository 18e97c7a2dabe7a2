/** Image Builder objects for renderer tests. */
import type { BuildRun, ComponentChoice, PipelineDetail, PipelineSummary } from '../../shared/imagebuilder';

export const ARN = 'arn:aws:imagebuilder:us-east-1:111111111111:image-pipeline/golden-weekly';

export function pipeline(name: string, over: Partial<PipelineSummary> = {}): PipelineSummary {
  return {
    account: 'acme-staging',
    region: 'us-east-1',
    arn: `arn:aws:imagebuilder:us-east-1:111111111111:image-pipeline/${name}`,
    name,
    description: null,
    status: 'ENABLED',
    schedule: null,
    dateLastRun: null,
    dateNextRun: null,
    lastRun: null,
    ...over,
  };
}

export function pipelineDetail(over: Partial<PipelineDetail> = {}): PipelineDetail {
  return {
    ...pipeline('golden-weekly'),
    recipe: {
      arn: 'arn:aws:imagebuilder:us-east-1:111111111111:image-recipe/golden/1.0.0',
      name: 'golden',
      version: '1.0.0',
      parentImage: 'ami-0123456789abcdef0',
      components: [{ arn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2', name: 'update-linux', version: '1.0.2' }],
      blockDevices: [{ deviceName: '/dev/sda1', volumeSizeGiB: 16, volumeType: 'gp3', encrypted: true }],
    },
    infrastructure: {
      arn: 'arn:aws:imagebuilder:us-east-1:111111111111:infrastructure-configuration/golden',
      name: 'golden',
      instanceProfileName: 'EC2InstanceProfileForImageBuilder',
      instanceTypes: ['t3.medium'],
      subnetId: null,
      terminateInstanceOnFailure: true,
    },
    distribution: {
      arn: 'arn:aws:imagebuilder:us-east-1:111111111111:distribution-configuration/golden',
      name: 'golden',
      regions: [
        { region: 'us-east-1', amiName: 'golden-{{ imagebuilder:buildDate }}', launchPermission: { userIds: ['222222222222'], organizationArns: [], organizationalUnitArns: [], public: false }, targetAccountIds: [] },
        { region: 'us-west-2', amiName: 'golden-{{ imagebuilder:buildDate }}', launchPermission: { userIds: ['999999999999'], organizationArns: [], organizationalUnitArns: [], public: false }, targetAccountIds: ['333333333333'] },
      ],
    },
    tests: { enabled: true, timeoutMinutes: 60 },
    ...over,
  };
}

export function buildRun(id: string, over: Partial<BuildRun> = {}): BuildRun {
  return {
    id,
    account: 'acme-staging',
    accountName: 'acme-staging',
    region: 'us-east-1',
    pipelineArn: ARN,
    pipelineName: 'golden-weekly',
    imageBuildArn: null,
    status: 'STARTING',
    progress: 0,
    finished: false,
    steps: [],
    reason: null,
    amis: [],
    startedAt: '2026-11-28T03:00:00.000Z',
    finishedAt: null,
    error: null,
    ...over,
  };
}

export function component(name: string, type: ComponentChoice['type'], owner: ComponentChoice['owner'] = 'Amazon'): ComponentChoice {
  return {
    arn: `arn:aws:imagebuilder:us-east-1:${owner === 'Amazon' ? 'aws' : '111111111111'}:component/${name}/1.0.0`,
    name,
    version: '1.0.0',
    type,
    owner,
    platform: 'Linux',
    description: `${name} description`,
  };
}
