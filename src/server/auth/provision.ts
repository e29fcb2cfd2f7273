/**
 * Creating accounts in bulk, for the CLI's `users add --file` and the API's `POST /api/users`: check
 * every account first (the password policy, names taken or repeated, datasets that do not exist, who
 * may make an owner), then create them all — with their memberships and API tokens — in one
 * transaction, so a bad row leaves nothing half-created.
 */

import type { NewAccount } from '../../core/accounts.js';
import type { Actor } from '../../core/actor.js';
import type { Role, User } from '../../core/annotation.js';
import type { ErrorCode } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import { generatePassword, hashPassword } from './password.js';
import { passwordProblem } from './password-policy.js';

export interface AccountProblem {
  /** The account's position in the list (0-based). */
  index: number;
  code: Extract<ErrorCode, 'bad_input' | 'conflict' | 'forbidden' | 'not_found'>;
  message: string;
}

export interface Provisioned {
  user: User;
  /** The generated password, when none was given: shown this once. */
  password?: string;
  /** The new API token, when one was asked for: shown this once. */
  token?: string;
}

/** What is wrong with each account, all of them at once (empty when every one can be created). */
export async function accountProblems(
  store: Store,
  accounts: readonly NewAccount[],
  callerRole: Role | 'cli',
  /** How to point at another account in a message (a users file says its line). */
  where: (index: number) => string = (i) => `entry ${i + 1}`,
): Promise<AccountProblem[]> {
  const problems: AccountProblem[] = [];
  const seen = new Map<string, number>();
  const datasets = new Map<string, boolean>();
  for (const [index, a] of accounts.entries()) {
    const add = (code: AccountProblem['code'], message: string) => problems.push({ index, code, message });
    const first = seen.get(a.username);
    if (first !== undefined) add('bad_input', `user '${a.username}' is also in ${where(first)}`);
    else seen.set(a.username, index);
    if (a.role === 'owner' && callerRole !== 'owner' && callerRole !== 'cli')
      add('forbidden', 'only an owner can add an owner');
    if (a.password !== undefined) {
      const problem = passwordProblem(a.password, a.username);
      if (problem) add('bad_input', `password: ${problem}`);
    }
    if (await store.users.find(a.username)) add('conflict', `user '${a.username}' already exists`);
    for (const name of a.datasets) {
      if (!datasets.has(name)) datasets.set(name, (await store.datasets.find(name)) !== undefined);
      if (!datasets.get(name)) add('not_found', `dataset '${name}' does not exist`);
    }
  }
  return problems;
}

/**
 * Creates accounts checked by `accountProblems`, all or none. Passwords are hashed before the
 * transaction opens (scrypt is the slow part), so it stays short.
 */
export async function createAccounts(
  store: Store,
  accounts: readonly NewAccount[],
  actor: Actor,
): Promise<Provisioned[]> {
  const secrets: { password: string; generated: boolean; hash: string }[] = [];
  for (const a of accounts) {
    const password = a.password ?? generatePassword();
    secrets.push({ password, generated: a.password === undefined, hash: await hashPassword(password) });
  }
  return store.transaction(async (tx) => {
    const out: Provisioned[] = [];
    const members = new Map<string, string[]>();
    for (const [i, a] of accounts.entries()) {
      const s = secrets[i]!;
      const user = await tx.users.create(
        { username: a.username, role: a.role, languages: a.languages, passwordHash: s.hash },
        actor,
      );
      for (const d of a.datasets) members.set(d, [...(members.get(d) ?? []), a.username]);
      const token = a.token === undefined ? undefined : await tx.auth.createApiToken(user.id, a.token, actor);
      out.push({
        user,
        ...(s.generated ? { password: s.password } : {}),
        ...(token ? { token } : {}),
      });
    }
    for (const [name, add] of members) {
      const dataset = await tx.datasets.find(name);
      if (!dataset) throw new Error(`dataset '${name}' vanished while its members were added`);
      await tx.members.change(dataset.id, { add }, actor);
    }
    return out;
  });
}
