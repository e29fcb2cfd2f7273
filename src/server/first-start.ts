import type { Store } from '../store/store.js';
import { generatePassword, hashPassword } from './auth/password.js';

/** On a store without users, creates the owner and returns its one-time password (else undefined). */
export async function ensureOwner(store: Store): Promise<{ username: string; password: string } | undefined> {
  if ((await store.auth.listUsers()).length > 0) return undefined;
  const password = generatePassword();
  await store.users.create(
    { username: 'owner', role: 'owner', passwordHash: await hashPassword(password) },
    'system',
  );
  return { username: 'owner', password };
}
