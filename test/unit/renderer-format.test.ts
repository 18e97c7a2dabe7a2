import { describe, expect, it } from 'vitest';
import { formatAccountId, formatCount, formatGiB, plural, rootDeviceLabel, shortAccountId, yesNo } from '../../renderer/lib/format';
import { exactTime, relativeTime } from '../../renderer/lib/time';

describe('account ids', () => {
  it('groups 12 digits in fours', () => {
    expect(formatAccountId('123456789012')).toBe('1234-5678-9012');
    expect(shortAccountId('123456789012')).toBe('…9012');
  });
  it('passes anything else through and marks missing ids', () => {
    expect(formatAccountId('amazon')).toBe('amazon');
    expect(formatAccountId(null)).toBe('—');
    expect(shortAccountId(null)).toBe('');
  });
});

describe('numbers and labels', () => {
  it('formats counts with separators and plurals', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(plural(1, 'AMI')).toBe('1 AMI');
    expect(plural(1204, 'AMI')).toBe('1,204 AMIs');
    expect(plural(0, 'AMI')).toBe('0 AMIs');
  });
  it('names root devices and optional facts', () => {
    expect(rootDeviceLabel('ebs')).toBe('EBS');
    expect(rootDeviceLabel('instance-store')).toBe('Instance store');
    expect(yesNo(null)).toBe('—');
    expect(yesNo(false)).toBe('No');
    expect(formatGiB(30)).toBe('30 GiB');
    expect(formatGiB(null)).toBe('—');
  });
});

describe('relative time', () => {
  const now = Date.parse('2025-06-15T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const MIN = 60_000;
  const DAY = 86_400_000;

  it('reads compactly at every scale', () => {
    expect(relativeTime(ago(10_000), now)).toBe('just now');
    expect(relativeTime(ago(5 * MIN), now)).toBe('5 min ago');
    expect(relativeTime(ago(3 * 60 * MIN), now)).toBe('3 h ago');
    expect(relativeTime(ago(12 * DAY), now)).toBe('12 d ago');
    expect(relativeTime(ago(95 * DAY), now)).toBe('3 mo ago');
    expect(relativeTime(ago(800 * DAY), now)).toBe('2 y ago');
  });
  it('handles the future, missing and invalid values', () => {
    expect(relativeTime(new Date(now + 3 * DAY).toISOString(), now)).toBe('in 3 d');
    expect(relativeTime(null, now)).toBe('—');
    expect(relativeTime('not a date', now)).toBe('—');
  });
  it('gives the exact UTC time for tooltips', () => {
    expect(exactTime('2025-06-15T12:00:00.000Z')).toContain('2025-06-15T12:00:00Z');
    expect(exactTime(null)).toBe('');
  });
});
