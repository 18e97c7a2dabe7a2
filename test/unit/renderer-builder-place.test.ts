/** The wizard's network, logs and per-region settings: checks as typed, step issues, and the draft they make. */
import { describe, expect, it } from 'vitest';
import {
  emptyRegionPlace,
  initialPlaceForm,
  orgTargetProblem,
  parseAmiTags,
  placeIssues,
  s3BucketProblem,
  snsTopicProblem,
  subnetsByVpc,
  toPlaceDraft,
  withSubnet,
  type PlaceForm,
} from '../../renderer/lib/builderPlace';
import type { NetworkChoices } from '../../shared/imagebuilder';

const ORG = 'arn:aws:organizations::111122223333:organization/o-abcdefghij';
const OU = 'arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdefghij';

const choices: NetworkChoices = {
  subnets: [
    { id: 'subnet-0aaaaaaaaaaaaaaaa', name: 'build-private-a', vpcId: 'vpc-0b', vpcName: 'build', availabilityZone: 'us-east-1a', cidrBlock: '10.20.1.0/24', defaultForAz: false },
    { id: 'subnet-0bbbbbbbbbbbbbbbb', name: null, vpcId: 'vpc-0d', vpcName: 'default VPC', availabilityZone: 'us-east-1a', cidrBlock: '172.31.0.0/20', defaultForAz: true },
  ],
  securityGroups: [
    { id: 'sg-0aaaaaaaaaaaaaaaa', name: 'image-builder', vpcId: 'vpc-0b', description: null },
    { id: 'sg-0dddddddddddddddd', name: 'default', vpcId: 'vpc-0d', description: null },
  ],
  keyPairs: [],
  launchTemplates: [],
};

describe('checks as typed', () => {
  it('says what is wrong with an account id, organization ARN or OU ARN, and accepts the three kinds', () => {
    expect(orgTargetProblem(ORG)).toBeNull();
    expect(orgTargetProblem(OU)).toBeNull();
    expect(orgTargetProblem('')).toBeNull();
    expect(orgTargetProblem('ou-ab12-cdefghij')).toMatch(/whole ARN/);
    expect(orgTargetProblem('1234-5678-9012')).toBeNull();
    expect(orgTargetProblem('12345678901')).toMatch(/12 digits \(this has 11\)/);
    expect(orgTargetProblem('arn:aws:iam::111122223333:root')).toMatch(/Organizations ARNs/);
    expect(orgTargetProblem('arn:aws:organizations::1111:ou/o-abcdefghij/ou-ab12-cdefghij')).toMatch(/12-digit/);
    expect(orgTargetProblem('arn:aws:organizations::111122223333:ou/o-abcdefghij')).toMatch(/OU ARN ends/);
  });

  it('checks SNS topics, S3 buckets and AMI tags in words', () => {
    expect(snsTopicProblem('arn:aws:sns:us-east-1:123456789012:builds')).toBeNull();
    expect(snsTopicProblem('arn:aws:sqs:us-east-1:123456789012:q')).toMatch(/SNS topic/);
    expect(s3BucketProblem('acme-build-logs')).toBeNull();
    expect(s3BucketProblem('s3://acme')).toMatch(/without s3:\/\//);
    expect(s3BucketProblem('Acme_Logs')).toMatch(/lower-case/);
    expect(parseAmiTags('Team=platform, Env=prod')).toEqual({ tags: { Team: 'platform', Env: 'prod' }, problem: null });
    expect(parseAmiTags('Team').problem).toMatch(/Key=Value/);
    expect(parseAmiTags('A=1, A=2').problem).toMatch(/twice/);
  });
});

describe('step issues', () => {
  it('stops the infrastructure step on security groups without a subnet, and the distribution step on a bad ARN, naming the region', () => {
    const form: PlaceForm = { ...initialPlaceForm(), securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] };
    expect(placeIssues('infrastructure', form, ['us-east-1']).securityGroupIds).toMatch(/need a subnet/);
    expect(placeIssues('infrastructure', { ...form, subnetId: 'subnet-0aaaaaaaaaaaaaaaa' }, ['us-east-1'])).toEqual({});
    const bad: PlaceForm = { ...initialPlaceForm(), regions: { 'us-west-2': { ...emptyRegionPlace(), orgTargets: ['ou-ab12'] } } };
    expect(placeIssues('distribution', bad, ['us-east-1', 'us-west-2']).regionSettings).toMatch(/^us-west-2: /);
    // A region no longer chosen does not block.
    expect(placeIssues('distribution', bad, ['us-east-1'])).toEqual({});
  });
});

describe('the draft', () => {
  it('sorts organizations from OUs, keeps only chosen regions with settings, and drops groups without a subnet', () => {
    const form: PlaceForm = {
      ...initialPlaceForm(),
      subnetId: 'subnet-0aaaaaaaaaaaaaaaa',
      securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'],
      keyPair: 'build-debug',
      s3Logging: true,
      s3Bucket: ' acme-build-logs ',
      regions: {
        'us-east-1': {
          ...emptyRegionPlace(),
          orgTargets: [ORG, OU, '123456789012'],
          launchTemplates: [
            { launchTemplateId: 'lt-0123456789abcdef0', accountId: null, name: 'web', setDefaultVersion: true },
            // In an account the AMI is not copied to: dropped.
            { launchTemplateId: 'lt-0fedcba9876543210', accountId: '444455556666', name: 'other', setDefaultVersion: false },
          ],
        },
        'us-west-2': emptyRegionPlace(),
        'eu-west-1': { ...emptyRegionPlace(), kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k' },
      },
    };
    const draft = toPlaceDraft(form, ['us-east-1', 'us-west-2']);
    expect(draft).toMatchObject({ subnetId: 'subnet-0aaaaaaaaaaaaaaaa', securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'], keyPair: 'build-debug', s3Logs: { bucket: 'acme-build-logs', prefix: 'image-builder/' }, snsTopicArn: null });
    expect(draft.regionSettings).toEqual([
      {
        region: 'us-east-1',
        targetAccountIds: [],
        userIds: ['123456789012'],
        organizationArns: [ORG],
        organizationalUnitArns: [OU],
        kmsKeyId: null,
        launchTemplates: [{ launchTemplateId: 'lt-0123456789abcdef0', accountId: null, setDefaultVersion: true }],
        amiTags: {},
      },
    ]);
    expect(toPlaceDraft({ ...form, subnetId: null }, []).securityGroupIds).toEqual([]);
  });

  it('a new subnet keeps only the security groups of its VPC; subnets group by VPC', () => {
    const form: PlaceForm = { ...initialPlaceForm(), subnetId: 'subnet-0aaaaaaaaaaaaaaaa', securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] };
    expect(withSubnet(form, 'subnet-0bbbbbbbbbbbbbbbb', choices)).toEqual({ subnetId: 'subnet-0bbbbbbbbbbbbbbbb', securityGroupIds: [] });
    expect(withSubnet(form, 'subnet-0aaaaaaaaaaaaaaaa', choices).securityGroupIds).toEqual(['sg-0aaaaaaaaaaaaaaaa']);
    expect(subnetsByVpc(choices.subnets).map((g) => g.label)).toEqual(['build (vpc-0b)', 'default VPC (vpc-0d)']);
  });
});
