/**
 * Amazon-managed Image Builder components (owner `aws`), the same in every region: the
 * build and test components recipes most often pull in. Their documents are short but
 * well-formed component YAML, so an app that shows a component's document has one to show.
 */
import { imageBuilderArn } from './imagebuilder-arns';
import type { ComponentRecord, ComponentType, ImageBuilderPlatform } from './imagebuilder-model';

interface AmazonComponentPlan {
  name: string;
  version: string;
  type: ComponentType;
  platform: ImageBuilderPlatform;
  description: string;
  command: string;
}

const PLANS: readonly AmazonComponentPlan[] = [
  { name: 'update-linux', version: '1.0.2', type: 'BUILD', platform: 'Linux', description: 'Updates Linux with the latest security updates.', command: 'sudo yum update -y || sudo apt-get -y upgrade' },
  { name: 'aws-cli-version-2-linux', version: '1.0.4', type: 'BUILD', platform: 'Linux', description: 'Installs the latest version of the AWS CLI version 2.', command: 'curl -s https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o awscliv2.zip && unzip -q awscliv2.zip && sudo ./aws/install --update' },
  { name: 'amazon-cloudwatch-agent-linux', version: '1.0.1', type: 'BUILD', platform: 'Linux', description: 'Installs the latest version of the Amazon CloudWatch agent.', command: 'sudo yum install -y amazon-cloudwatch-agent' },
  { name: 'reboot-linux', version: '1.0.1', type: 'BUILD', platform: 'Linux', description: 'Reboots the instance.', command: 'sudo reboot' },
  { name: 'stig-build-linux-high', version: '2025.4.0', type: 'BUILD', platform: 'Linux', description: 'Applies the high, medium and low DISA STIG settings.', command: 'sudo ./apply-stig.sh --level high' },
  { name: 'reboot-test-linux', version: '1.0.0', type: 'TEST', platform: 'Linux', description: 'Tests whether the system can reboot safely.', command: 'sudo reboot' },
  { name: 'simple-boot-test-linux', version: '1.0.0', type: 'TEST', platform: 'Linux', description: 'Executes a simple boot test.', command: 'echo "boot test"' },
  { name: 'inspector-test-linux', version: '1.0.2', type: 'TEST', platform: 'Linux', description: 'Runs an Amazon Inspector assessment of the instance.', command: 'sudo ./run-inspector.sh' },
  { name: 'update-windows', version: '1.0.1', type: 'BUILD', platform: 'Windows', description: 'Updates Windows with the latest security updates.', command: 'Install-WindowsUpdate -AcceptAll' },
  { name: 'aws-cli-version-2-windows', version: '1.0.0', type: 'BUILD', platform: 'Windows', description: 'Installs the latest version of the AWS CLI version 2.', command: 'msiexec.exe /i https://awscli.amazonaws.com/AWSCLIV2.msi /qn' },
  { name: 'reboot-test-windows', version: '1.0.0', type: 'TEST', platform: 'Windows', description: 'Tests whether the system can reboot safely.', command: 'Restart-Computer' },
];

/** A one-phase component document in Image Builder's YAML schema. */
export function componentDocument(name: string, description: string, phase: 'build' | 'test', shell: 'ExecuteBash' | 'ExecutePowerShell', command: string): string {
  return [
    `name: ${name}`,
    `description: ${description}`,
    'schemaVersion: 1.0',
    'phases:',
    `  - name: ${phase}`,
    '    steps:',
    `      - name: ${phase === 'build' ? 'Apply' : 'Verify'}`,
    `        action: ${shell}`,
    '        inputs:',
    '          commands:',
    `            - ${command}`,
    '',
  ].join('\n');
}

const AMAZON_DATE = '2024-03-11T18:22:41.000Z';

export function amazonComponents(region: string): ComponentRecord[] {
  return PLANS.map((p) => ({
    arn: imageBuilderArn(region, 'aws', 'component', p.name, p.version, '1'),
    owner: 'Amazon',
    region,
    name: p.name,
    version: p.version,
    buildNumber: 1,
    description: p.description,
    changeDescription: null,
    type: p.type,
    platform: p.platform,
    supportedOsVersions: p.platform === 'Linux' ? ['Amazon Linux 2', 'Amazon Linux 2023', 'Ubuntu', 'Red Hat Enterprise Linux'] : ['Microsoft Windows Server 2022'],
    data: componentDocument(p.name, p.description, p.type === 'BUILD' ? 'build' : 'test', p.platform === 'Windows' ? 'ExecutePowerShell' : 'ExecuteBash', p.command),
    kmsKeyId: null,
    dateCreated: AMAZON_DATE,
    tags: {},
    sharedWith: [],
    failsIn: null,
  }));
}
