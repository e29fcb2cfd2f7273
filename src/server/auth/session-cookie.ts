import type { LoginLimits } from './login-guard.js';

/**
 * The browser session's cookie and its settings. The server reads the cookie on every request
 * (`app.ts`); the login and logout routes set and clear it (`routes/auth.ts`). Both import it from
 * here, so neither imports the other.
 */

export const SESSION_COOKIE = 'tandem_session';

export interface SessionOptions {
  /** Mark cookies Secure (behind HTTPS). Default false: a laptop serves plain HTTP. */
  secureCookies?: boolean;
  sessionTtlMs?: number;
  /** Login attempts per minute per address and user name (the other limits: `loginLimits`). */
  loginRateLimit?: number;
  loginLimits?: Partial<LoginLimits>;
}
