/** Small, pure formatting functions shared across the UI. */

const countFormat = new Intl.NumberFormat('en-US');

/** "123456789012" → "1234-5678-9012" (easier to read aloud and compare); other values pass through. */
export function formatAccountId(id: string | null | undefined): string {
  if (!id) return '—';
  return /^\d{12}$/.test(id) ? `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}` : id;
}

/** The last four digits, enough to tell accounts apart in a narrow list: "…9012". */
export function shortAccountId(id: string | null | undefined): string {
  if (!id) return '';
  return /^\d{12}$/.test(id) ? `…${id.slice(8)}` : id;
}

export function formatCount(n: number): string {
  return countFormat.format(n);
}

export { plural } from '../../shared/words';

export function rootDeviceLabel(type: string): string {
  if (type === 'ebs') return 'EBS';
  if (type === 'instance-store') return 'Instance store';
  return type || '—';
}

export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value ? 'Yes' : 'No';
}

export function formatGiB(size: number | null | undefined): string {
  return size === null || size === undefined ? '—' : `${formatCount(size)} GiB`;
}

const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$1,234.56"; "<$0.01" for a cost too small to show in cents (never "$0.00" for something that costs). */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.005) return '<$0.01';
  return usdFormat.format(usd);
}

/** "$0.05", "$0.0125", "$0.011875": a unit price as written, without trailing zeros past the cents. */
export function formatUnitPrice(usd: number): string {
  const text = usd.toFixed(6).replace(/0+$/, '');
  const [whole, fraction = ''] = text.split('.');
  return `$${whole}.${fraction.padEnd(2, '0')}`;
}
