import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A browser that logged in as an account before carries a device cookie for it: the user id and an
 * HMAC of it keyed by a server secret and the account's password hash. It cannot be forged without
 * the secret, names one account, and dies when the password changes. The login guard exempts such a
 * browser from the per-account and global limits, so attackers elsewhere cannot lock its user out.
 * The secret is made per process: behind several servers a cookie is known to the one that set it
 * (elsewhere the browser gets the ordinary limits, nothing worse).
 */
export const DEVICE_COOKIE = 'tandem_device';

export class DeviceCookies {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  issue(userId: number, passwordHash: string): string {
    return `${userId}.${this.mac(userId, passwordHash)}`;
  }

  /** Whether `cookie` was issued for this user with this password hash. */
  verify(cookie: string | undefined, userId: number, passwordHash: string): boolean {
    if (!cookie) return false;
    const dot = cookie.indexOf('.');
    if (dot < 0 || cookie.slice(0, dot) !== String(userId)) return false;
    const given = Buffer.from(cookie.slice(dot + 1));
    const expected = Buffer.from(this.mac(userId, passwordHash));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(userId: number, passwordHash: string): string {
    return createHmac('sha256', this.secret).update(`${userId}\n${passwordHash}`).digest('base64url');
  }
}
