/**
 * Checks MFA codes the way STS does: the device must belong to the calling IAM user, the code
 * must be the current or the previous 30-second TOTP code, and a code is good once — after a
 * code is accepted, that window and any earlier one are spent for the device (RFC 6238 §5.2).
 * A client that asks for a second code for the same device within one window fails.
 */
import { base32Decode, totp, totpCounter, hotp } from '../auth/totp';
import type { MfaDeviceRecord, World } from '../world/model';
import type { AuthClock } from './clock';
import type { Principal } from './principal';

/** STS's words for each MFA failure (all AccessDenied). */
export const MFA_FAILURE = {
  incomplete: 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
  unknownDevice:
    'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
  invalidCode: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
} as const;

export type MfaCheck = { ok: true } | { ok: false; message: string };

export class MfaVerifier {
  /** Last accepted TOTP counter per device serial. */
  private readonly lastAccepted = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly clock: AuthClock,
  ) {}

  /** The code the device shows at an instant (default: now on the credential clock). */
  code(serialNumber: string, at?: Date): string {
    const device = this.device(serialNumber);
    if (!device) throw new Error(`no MFA device ${serialNumber}`);
    return totp(base32Decode(device.seedBase32), at ? at.getTime() : this.clock.nowMs());
  }

  verify(principal: Principal, serialNumber: string, code: string): MfaCheck {
    const device = this.device(serialNumber);
    if (
      !device ||
      principal.kind !== 'user' ||
      device.accountId !== principal.accountId ||
      device.userName !== principal.userName
    ) {
      return { ok: false, message: MFA_FAILURE.unknownDevice };
    }
    const seed = base32Decode(device.seedBase32);
    const current = totpCounter(this.clock.nowMs());
    const spent = this.lastAccepted.get(serialNumber) ?? -1;
    for (const counter of [current, current - 1]) {
      if (counter > spent && hotp(seed, counter) === code) {
        this.lastAccepted.set(serialNumber, counter);
        return { ok: true };
      }
    }
    return { ok: false, message: MFA_FAILURE.invalidCode };
  }

  private device(serialNumber: string): MfaDeviceRecord | undefined {
    return this.world.mfaDevice(serialNumber);
  }
}
