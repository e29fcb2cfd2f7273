import type { Role } from '../core/annotation.js';
import { generatePassword, hashPassword } from '../server/auth/password.js';
import type { Store } from '../store/store.js';

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
  const source = await store.datasets.get(from);
  const target =
    (await store.datasets.find(DEMO_APP_DATASET)) ??
    (await store.datasets.create(
      DEMO_APP_DATASET,
      { ...source.settings, distribution: { responsesPerRecord: 1 } },
      'demo',
    ));
  let copied = 0;
  for await (const page of store.records.stream(source.id)) {
    const r = await store.records.insert(
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
    if (await store.users.find(username)) await store.auth.setPasswordHash(username, hash, 'demo');
    else await store.users.create({ username, role, passwordHash: hash }, 'demo');
    logins.push({ username, role, password });
  }
  for (const name of [from, DEMO_APP_DATASET]) {
    const d = await store.datasets.get(name);
    await store.members.change(d.id, { add: logins.map((l) => l.username) }, 'demo');
  }
  return { dataset: DEMO_APP_DATASET, copied, logins };
}
