import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A browser that logged in as an account before carries a device cookie for it: the user id and an
 * HMAC of it keyed by a server secret and the account's password hash. It cannot be forged without
 * the secret, names one account, and dies when the password changes. The login guard exempts such a
 * browser from the per-account and global limits, so attackers elsewhere cannot lock its user out.
 * The server's key is the store's (`server_secrets`, made on first use), so every server on one
 * store recognises the cookie any of them set.
 */
export const DEVICE_COOKIE = 'tandem_device';

/** The name of the key in the store's `server_secrets`. */
export const DEVICE_COOKIE_SECRET = 'device-cookie';

export class DeviceCookies {
  /** `secret`: the store's key in a server; a random one serves a test. */
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
