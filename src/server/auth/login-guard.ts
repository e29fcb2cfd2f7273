/**
 * How many login attempts the server takes, in sliding one-minute (or longer) windows, before it
 * answers 429 without checking the password:
 *
 * - per address and account: guessing one account's password from one place (a known device counts
 *   apart, so guesses from the same address — a shared NAT — do not use up its user's attempts);
 * - per address: one place spraying many accounts (not counting known devices);
 * - per account: many places guessing one account. A browser that logged in as the account before
 *   (a known-device cookie, `device-cookie.ts`) is exempt, so attackers cannot lock the user out;
 * - global: a flood over every account; known devices are exempt from it too.
 *
 * Every map is bounded: an attacker inventing addresses or names cannot grow memory without end.
 */

export interface LoginLimits {
  perAddressAndAccount: number;
  perAddress: number;
  perAccount: number;
  global: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddressAndAccount: 10,
  perAddress: 30,
  perAccount: 20,
  global: 120,
  windowMs: 60_000,
};

/** Keys remembered per map at most; the oldest is forgotten first. */
const MAX_KEYS = 10_000;

export type GuardVerdict = { ok: true } | { ok: false; retryAfterMs: number; limit: keyof LoginLimits };

export class LoginGuard {
  private readonly byPair = new Map<string, number[]>();
  private readonly byAddress = new Map<string, number[]>();
  private readonly byAccount = new Map<string, number[]>();
  private readonly all: number[] = [];

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt if every limit that applies admits it; else says which did not and for how long. */
  attempt(address: string, account: string, knownDevice: boolean): GuardVerdict {
    const t = this.now();
    const l = this.limits;
    const pair = `${address}\u0001${account.toLowerCase()}${knownDevice ? '\u0001device' : ''}`;
    const checks: [number[], number, keyof LoginLimits][] = [
      [window(this.byPair, pair, t, l.windowMs), l.perAddressAndAccount, 'perAddressAndAccount'],
    ];
    if (!knownDevice) {
      checks.push([window(this.byAddress, address, t, l.windowMs), l.perAddress, 'perAddress']);
      checks.push([window(this.byAccount, account.toLowerCase(), t, l.windowMs), l.perAccount, 'perAccount']);
      prune(this.all, t, l.windowMs);
      checks.push([this.all, l.global, 'global']);
    }
    for (const [times, max, limit] of checks)
      if (times.length >= max) return { ok: false, retryAfterMs: times[0]! + l.windowMs - t, limit };
    for (const [times] of checks) times.push(t);
    return { ok: true };
  }

  /** After a successful login: that address's guesses at the account are forgiven. */
  succeeded(address: string, account: string, knownDevice: boolean): void {
    this.byPair.delete(`${address}\u0001${account.toLowerCase()}${knownDevice ? '\u0001device' : ''}`);
  }
}

function window(map: Map<string, number[]>, key: string, t: number, windowMs: number): number[] {
  let times = map.get(key);
  if (times) {
    prune(times, t, windowMs);
    // Refresh the key's place: the least recently used is forgotten first.
    map.delete(key);
  } else {
    times = [];
    if (map.size >= MAX_KEYS) map.delete(map.keys().next().value as string);
  }
  map.set(key, times);
  return times;
}

function prune(times: number[], t: number, windowMs: number): void {
  let i = 0;
  while (i < times.length && times[i]! <= t - windowMs) i++;
  if (i) times.splice(0, i);
}
