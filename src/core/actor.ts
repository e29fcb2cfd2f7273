import type { User } from './annotation.js';

/**
 * Who did something, as the event log records it: `user:alice`, `cli:bob`, `system`, `worker:host-1`.
 * A string, so a log line reads on its own after the user is gone.
 */
export type Actor = string;

export const userActor = (user: { username: string }): Actor => `user:${user.username}`;

/** Whoever an API request acts for: a user, and how they proved it. */
export interface Caller extends User {
  via: 'session' | 'token';
  /** For cookie sessions: what a write must echo in `x-csrf-token`. */
  csrfToken?: string;
}
