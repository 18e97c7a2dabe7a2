/**
 * Which endpoints an account may send its AWS calls — and so its signed requests and credentials
 * — to: https anywhere, http only to this computer (127.0.0.0/8, ::1, localhost: the emulator,
 * a local proxy), and never to a link-local address (169.254.0.0/16, fe80::/10), where EC2 and
 * ECS serve instance and task metadata, credentials included. Addresses are judged after the URL
 * parser has read them, so every spelling of one address is judged the same: decimal, hex, octal
 * or short IPv4 forms (http://2852039166, http://0xA9FEA9FE, http://0251.0376.0251.0376) and
 * IPv4 embedded in IPv6 (::ffff:169.254.169.254, NAT64, 6to4). Used by the contract's schemas, the
 * AWS CLI profiles' endpoint_url, the CLI's --endpoint and the core before it makes a client.
 */

type Kind = 'loopback' | 'link-local' | 'metadata' | 'unspecified' | 'other';

function kindOfV4([a, b, c, d]: number[]): Kind {
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 169 && b === 254) return c === 169 && d === 254 ? 'metadata' : 'link-local';
  return 'other';
}

function parseV4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it: "[…]", hex groups, "::". */
function parseV6(hostname: string): number[] | null {
  const match = /^\[([0-9a-f:]+)\]$/i.exec(hostname);
  if (!match) return null;
  const halves = match[1]!.toLowerCase().split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const all = [...head, ...Array<number>(missing).fill(0), ...tail];
  return all.every((g) => Number.isInteger(g)) ? all : null;
}

/** What an IPv6 address is, and the IPv4 address it carries when it carries one. */
function kindOfV6(g: number[]): { kind: Kind; v4: number[] | null } {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return { kind: 'unspecified', v4: null };
  if (zeros(0, 7) && g[7] === 1) return { kind: 'loopback', v4: null };
  if ((g[0]! & 0xffc0) === 0xfe80) return { kind: 'link-local', v4: null };
  // EC2's instance metadata over IPv6.
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeros(2, 7) && g[7] === 0x254) return { kind: 'metadata', v4: null };
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  let embedded: number[] | null = null;
  let mapped = false;
  if (zeros(0, 5) && g[5] === 0xffff) {
    embedded = v4(g[6]!, g[7]!); // IPv4-mapped ::ffff:a.b.c.d
    mapped = true;
  } else if (zeros(0, 6)) embedded = v4(g[6]!, g[7]!); // IPv4-compatible ::a.b.c.d
  else if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) embedded = v4(g[6]!, g[7]!); // IPv4-translated
  else if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) embedded = v4(g[6]!, g[7]!); // NAT64
  else if (g[0] === 0x2002) embedded = v4(g[1]!, g[2]!); // 6to4
  if (!embedded) return { kind: 'other', v4: null };
  const kind = kindOfV4(embedded);
  // Only a mapped address is this computer's; through NAT64 or 6to4, 127.x is somewhere else.
  return { kind: kind === 'loopback' && !mapped ? 'other' : kind, v4: embedded };
}

/** What the host is, and the address it means when that is not how it was written. */
function kindOfHost(hostname: string): { kind: Kind; address: string | null } {
  const v4 = parseV4(hostname);
  if (v4) return { kind: kindOfV4(v4), address: v4.join('.') };
  const v6 = parseV6(hostname);
  if (v6) {
    const { kind, v4: embedded } = kindOfV6(v6);
    return { kind, address: embedded ? embedded.join('.') : hostname.slice(1, -1) };
  }
  const name = hostname.toLowerCase();
  if (name === 'localhost') return { kind: 'loopback', address: null };
  // EC2's own name for its metadata service.
  if (name === 'instance-data' || name.startsWith('instance-data.')) return { kind: 'metadata', address: null };
  return { kind: 'other', address: null };
}

function shown(raw: string): string {
  return JSON.stringify(raw.length > 120 ? `${raw.slice(0, 120)}…` : raw);
}

/** Why this endpoint is refused, in words a user can act on; null when it is fine. */
export function endpointProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${shown(raw)} is not a URL; an endpoint looks like https://ec2.eu-west-1.amazonaws.com.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${shown(raw)} is not an https:// URL.`;
  // Named without what came before the @: that part may be a password.
  if (url.username || url.password) return `The endpoint for ${url.host} carries a user name or password; an endpoint never does (credentials come from the account).`;
  const { kind, address } = kindOfHost(url.hostname);
  // Another spelling of an address is named as the address it is.
  const spelled = address && !raw.toLowerCase().includes(address) ? ` (${address})` : '';
  switch (kind) {
    case 'metadata':
      return `${shown(raw)} is the EC2 instance metadata service${spelled}, never an AWS API endpoint: it would hand out the credentials of the machine it runs on.`;
    case 'link-local':
      return `${shown(raw)} is a link-local address${spelled} (169.254.0.0/16 or fe80::/10), where EC2 and ECS serve instance metadata and credentials, never an AWS API endpoint.`;
    case 'unspecified':
      return `${shown(raw)} is not an address to connect to${spelled}.`;
    case 'loopback':
      return null;
    case 'other':
      return url.protocol === 'https:' ? null : `${shown(raw)} uses http://, which is allowed only on this computer (127.0.0.1, ::1 or localhost); use https://.`;
  }
}

/** Whether the endpoint is on this computer (the emulator, a local proxy). */
export function isLoopbackEndpoint(raw: string): boolean {
  try {
    return kindOfHost(new URL(raw).hostname).kind === 'loopback';
  } catch {
    return false;
  }
}
