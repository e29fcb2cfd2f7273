import { listUsers } from '../store/auth.js';
import type { Store } from '../store/connect.js';
import { createUser } from '../store/users.js';
import { generatePassword, hashPassword } from './auth/password.js';

/** On a store without users, creates the owner and returns its one-time password (else undefined). */
export async function ensureOwner(store: Store): Promise<{ username: string; password: string } | undefined> {
  if ((await listUsers(store)).length > 0) return undefined;
  const password = generatePassword();
  await createUser(
    store,
    { username: 'owner', role: 'owner', passwordHash: await hashPassword(password) },
    'system',
  );
  return { username: 'owner', password };
}
