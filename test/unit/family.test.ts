import { describe, expect, it } from 'vitest';
import { compileFamilyPattern, familyNamer, familyOf, FAMILY_PATTERN_MAX } from '../../shared/family';

describe('familyOf: the built-in rules on real AMI names', () => {
  const cases: Array<[string, string]> = [
    // Amazon's own
    ['amzn2-ami-hvm-2.0.20240501.0-x86_64-gp2', 'amzn2-ami-hvm-x86_64-gp2'],
    ['amzn2-ami-kernel-5.10-hvm-2.0.20240503.0-arm64-gp2', 'amzn2-ami-kernel-5.10-hvm-arm64-gp2'],
    ['al2023-ami-2023.4.20240513.0-kernel-6.1-x86_64', 'al2023-ami-kernel-6.1-x86_64'],
    ['al2023-ami-minimal-2023.4.20240513.0-kernel-6.1-arm64', 'al2023-ami-minimal-kernel-6.1-arm64'],
    ['Windows_Server-2022-English-Full-Base-2024.05.15', 'Windows_Server-2022-English-Full-Base'],
    ['amazon-eks-node-1.29-v20240514', 'amazon-eks-node-1.29'],
    ['bottlerocket-aws-k8s-1.29-x86_64-v1.20.0-fcf71a47', 'bottlerocket-aws-k8s-1.29-x86_64'],
    ['Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.3 (Ubuntu 22.04) 20240501', 'Deep Learning OSS Nvidia Driver AMI GPU PyTorch 2.3 (Ubuntu 22.04)'],
    // Distributions
    ['ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240501', 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server'],
    ['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20240523.1', 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server'],
    ['debian-12-amd64-20240507-1740', 'debian-12-amd64'],
    ['suse-sles-15-sp5-v20240129-hvm-ssd-x86_64', 'suse-sles-15-sp5-hvm-ssd-x86_64'],
    ['RHEL-9.3.0_HVM-20240117-x86_64-49-Hourly2-GP3', 'RHEL-HVM-x86_64-49-Hourly2-GP3'],
    // Marketplace
    ['bitnami-wordpress-6.3.1-r03-linux-debian-12-x86_64-hvm-ebs-nami', 'bitnami-wordpress-linux-debian-12-x86_64-hvm-ebs-nami'],
    ['FortiGate-VM64-AWSONDEMAND build2712 (7.4.1)', 'FortiGate-VM64-AWSONDEMAND'],
    ['CIS Ubuntu Linux 22.04 LTS Benchmark - Level 1 v1.0.3', 'CIS Ubuntu Linux 22.04 LTS Benchmark - Level 1'],
    ['Veeam Backup for AWS 8.1.0.107', 'Veeam Backup for AWS'],
    // Pipelines: Packer, Image Builder, CI
    ['packer-web-1714550000', 'packer-web'],
    ['packer-web-1714550000123', 'packer-web'],
    ['app-api-v1.4.2-2024-05-01', 'app-api'],
    ['app-api-1.4.2-rc.1', 'app-api'],
    ['golden-base-build-45', 'golden-base'],
    ['golden-base-b123', 'golden-base'],
    ['golden-base-build45', 'golden-base'],
    ['web-server-12', 'web-server'],
    ['web 2024-05-01T12-30-45.123Z', 'web'],
    ['ib-golden-ubuntu-24.04-2026-11-02T09-30-45.123Z', 'ib-golden-ubuntu-24.04'],
    ['web_20240501_1200', 'web'],
    ['web-20240501T120000Z', 'web'],
    ['myapp-2024-05-01-3', 'myapp'],
    ['build-20261102-3', 'build'],
    ['svc-orders-20261102-a1b2c3d', 'svc-orders'],
    ['app-3f2a9c1d-4b5e-4f60-8a7b-9c0d1e2f3a4b', 'app'],
    ['golden-al2023-2026.11.02', 'golden-al2023'],
    ['windows-2022-hardened-2026.11', 'windows-2022-hardened'],
    ['legacy-i386-lab-2019.06', 'legacy-i386-lab'],
    ['app (copy) 2024-05-01', 'app (copy)'],
    ['golden [2024-05-01]', 'golden'],
  ];
  it.each(cases)('%s → %s', (name, family) => {
    expect(familyOf(name)).toBe(family);
  });

  it('keeps architecture words, regions, OS names and two-part releases', () => {
    expect(familyOf('golden-al2023-arm64-2026.11.02')).toBe('golden-al2023-arm64');
    expect(familyOf('base-x86_64')).toBe('base-x86_64');
    expect(familyOf('base-aarch64-20240501')).toBe('base-aarch64');
    expect(familyOf('myapp-eu-west-1-20240501')).toBe('myapp-eu-west-1');
    expect(familyOf('copy-of-web-ap-southeast-2')).toBe('copy-of-web-ap-southeast-2');
    expect(familyOf('ubuntu-22.04')).toBe('ubuntu-22.04');
    expect(familyOf('Windows_Server-2019-English-Core-Base-2024.05.15')).toBe('Windows_Server-2019-English-Core-Base');
  });

  it('treats successive builds of one image as one family and other images as others', () => {
    const builds = ['app-api-v1.4.2-2024-05-01', 'app-api-v1.4.3-2024-05-08', 'app-api-v1.5.0-2024-06-01'];
    expect(new Set(builds.map((n) => familyOf(n)))).toEqual(new Set(['app-api']));
    expect(familyOf('ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240501')).not.toBe(familyOf('ubuntu/images/hvm-ssd/ubuntu-noble-24.04-amd64-server-20240501'));
    expect(familyOf('golden-al2023-2026.11.02')).not.toBe(familyOf('golden-al2023-arm64-2026.11.02'));
  });

  it('leaves a name alone when nothing in it changes between builds, and a name that is all date as it is', () => {
    expect(familyOf('my-golden-image')).toBe('my-golden-image');
    expect(familyOf('20240501')).toBe('20240501');
    expect(familyOf('')).toBe('');
    // A name's own separators stay where nothing was removed.
    expect(familyOf('CIS Benchmark - Level 1')).toBe('CIS Benchmark - Level 1');
  });

  it('does not take words for hashes or numbers inside words for builds', () => {
    expect(familyOf('facade-service-20240501')).toBe('facade-service');
    expect(familyOf('gp3-base-v2')).toBe('gp3-base');
    expect(familyOf('ec2-builder-20240501')).toBe('ec2-builder');
  });
});

describe('familyOf with a user pattern', () => {
  it('removes what the pattern matches', () => {
    expect(familyOf('team-a/web-2024-05-01', '-\\d{4}-\\d{2}-\\d{2}$')).toBe('team-a/web');
    expect(familyOf('web-r12-final', '-r\\d+')).toBe('web-final');
  });

  it('takes the group named family when there is one, and the whole name when it does not match', () => {
    expect(familyOf('team-a/web-2024-05-01', '^(?<family>[^/]+)/')).toBe('team-a');
    expect(familyOf('no-slash-here', '^(?<family>[^/]+)/')).toBe('no-slash-here');
  });

  it('replaces the built-in rules rather than adding to them', () => {
    expect(familyOf('app-v1.2.3-20240501', '-\\d{8}$')).toBe('app-v1.2.3');
  });

  it('falls back to the built-in rules for a pattern that is not an expression', () => {
    expect(familyOf('app-api-v1.4.2-2024-05-01', '(unclosed')).toBe('app-api');
  });
});

describe('compileFamilyPattern', () => {
  it('takes empty as the built-in rules and says what is wrong with a bad pattern', () => {
    expect(compileFamilyPattern('')).toEqual({ ok: true, regex: null });
    expect(compileFamilyPattern('   ')).toEqual({ ok: true, regex: null });
    expect(compileFamilyPattern(null)).toEqual({ ok: true, regex: null });
    const bad = compileFamilyPattern('(unclosed');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toBe('Not a regular expression: Unterminated group');
    const long = compileFamilyPattern('x'.repeat(FAMILY_PATTERN_MAX + 1));
    expect(long.ok).toBe(false);
  });
});

describe('familyNamer', () => {
  it('answers as familyOf does, for the built-in rules and a pattern', () => {
    const builtIn = familyNamer();
    const custom = familyNamer('-\\d+$');
    for (const name of ['amzn2-ami-hvm-2.0.20240501.0-x86_64-gp2', 'web-server-12', 'packer-web-1714550000']) {
      expect(builtIn(name)).toBe(familyOf(name));
      expect(builtIn(name)).toBe(familyOf(name)); // remembered
      expect(custom(name)).toBe(familyOf(name, '-\\d+$'));
    }
  });
});

describe('closing the gaps a removal leaves', () => {
  // The rule as regular expressions (how it was first written): every run of separators and gaps
  // around a gap becomes nothing at either end, else the separator it holds.
  const GAP = '\uE000';
  const reference = (text: string): string =>
    text.replace(/[([][-_.\s\uE000]*\uE000[-_.\s\uE000]*[)\]]/g, GAP).replace(/[-_.\s/\uE000]*\uE000[-_.\s/\uE000]*/g, (run, at: number, whole: string) => {
      if (at === 0 || at + run.length === whole.length) return '';
      if (run.includes('/')) return '/';
      return /[-_]/.exec(run)?.[0] ?? (/\s/.test(run) ? ' ' : run.includes('.') ? '.' : '');
    });

  it('gives what the rule gives for any mix of separators, spaces of every kind, brackets and removals', () => {
    const alphabet = ['a', 'Z', '7', '-', '_', '.', '/', ' ', '\t', '\u00a0', '\u3000', '(', ')', '[', ']', 'X', 'X', 'X', ':', 'é'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 5000; n++) {
      const name = Array.from({ length: 1 + Math.floor(random() * 16) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
      // A pattern removing every X: what is left is the name with its gaps closed.
      expect(familyOf(name, 'X'), JSON.stringify(name)).toBe(reference(name.replace(/X/g, GAP)) || name);
    }
  });
});

describe('a namer that remembers only the last name (an export)', () => {
  it('names every AMI as familyOf does, repeats and pattern included', () => {
    const names = ['amzn2-ami-hvm-2.0.20240501.0-x86_64-gp2', 'amzn2-ami-hvm-2.0.20240501.0-x86_64-gp2', 'web-2024-05-01-12', 'amzn2-ami-hvm-2.0.20240501.0-x86_64-gp2', 'web-2024-05-02-3'];
    const last = familyNamer(null, { remember: 'last' });
    const custom = familyNamer('-\\d+$', { remember: 'last' });
    for (const name of names) {
      expect(last(name)).toBe(familyOf(name));
      expect(custom(name)).toBe(familyOf(name, '-\\d+$'));
    }
  });
});
