/**
 * The clock credentials live by: real time plus an offset tests can move forward. It decides
 * when temporary credentials, SSO tokens and device codes expire and which TOTP window is
 * current. Request signing keeps checking X-Amz-Date against the real clock, because the SDK
 * signs with the machine's clock and a moved signing clock would only produce skew errors.
 *
 * It is real time, not the world's anchored image clock: expirations go back to the SDK,
 * which compares them with the machine's clock to decide when to refresh.
 */
export class AuthClock {
  private offsetMs = 0;

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceClock takes a number of seconds >= 0');
    this.offsetMs += Math.round(seconds * 1000);
  }
}
