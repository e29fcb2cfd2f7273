import type { Role } from '../core/annotation.js';
import { generatePassword, hashPassword } from '../server/auth/password.js';
import { setPasswordHash } from '../store/auth.js';
import type { Store } from '../store/connect.js';
import { createDataset, findDataset, getDataset } from '../store/datasets.js';
import { changeMembers } from '../store/members.js';
import { insertRecords, streamRecords } from '../store/records.js';
import { createUser, findUser } from '../store/users.js';

export const DEMO_APP_DATASET = 'support-demo-app';

export interface DemoLogin {
  username: string;
  role: Role;
  password: string;
}

/**
 * What the annotation app shows after the demo: the same conversations, undecided, in a dataset of
 * their own (one answer per record, so a single annotator's work reaches the reviewer), and two
 * accounts to try it with. Passwords are new on every run: the demo prints them, nothing else knows
 * them. Safe to run again: records already copied are skipped.
 */
export async function prepareAppDataset(
  store: Store,
  from: string,
): Promise<{ dataset: string; copied: number; logins: DemoLogin[] }> {
  const source = await getDataset(store, from);
  const target =
    (await findDataset(store, DEMO_APP_DATASET)) ??
    (await createDataset(
      store,
      DEMO_APP_DATASET,
      { ...source.settings, distribution: { responsesPerRecord: 1 } },
      'demo',
    ));
  let copied = 0;
  for await (const page of streamRecords(store, source.id)) {
    const r = await insertRecords(
      store,
      target.id,
      page.map((rec) => ({
        externalId: rec.externalId,
        fields: rec.fields,
        metadata: rec.metadata,
        provenance: rec.provenance,
        contentHash: rec.contentHash,
        language: rec.language,
      })),
      'demo',
    );
    copied += r.inserted;
  }
  const logins: DemoLogin[] = [];
  for (const [username, role] of [
    ['annotator', 'annotator'],
    ['reviewer', 'reviewer'],
  ] as const) {
    const password = generatePassword();
    const hash = await hashPassword(password);
    if (await findUser(store, username)) await setPasswordHash(store, username, hash, 'demo');
    else await createUser(store, { username, role, passwordHash: hash }, 'demo');
    logins.push({ username, role, password });
  }
  for (const name of [from, DEMO_APP_DATASET]) {
    const d = await getDataset(store, name);
    await changeMembers(store, d.id, { add: logins.map((l) => l.username) }, 'demo');
  }
  return { dataset: DEMO_APP_DATASET, copied, logins };
}
