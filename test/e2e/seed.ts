/** Stores, datasets, records and answers for the browser tests, written straight to the store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from '../../src/core/hash.js';
import { type DatasetSettingsInput, datasetSettings } from '../../src/core/settings.js';
import { decide, type ReviewDecision } from '../../src/stages/review/decide.js';
import { respond } from '../../src/stages/review/respond.js';
import { openStore } from '../../src/store/connect.js';
import type { Dataset } from '../../src/store/datasets.js';
import { readJson } from '../../src/store/dialect.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';
import { addLogin } from './harness.js';

export interface TempStore {
  store: Store;
  close(): Promise<void>;
}

/** A fresh SQLite store in its own directory, removed on close. */
export async function tempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const store = await openStore(join(dir, 'e2e.db'));
  return {
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logins for each name, with the role it starts with: a… annotator, r… reviewer, admin… admin. */
export async function addLogins(store: Store, ...usernames: string[]): Promise<void> {
  for (const u of usernames)
    await addLogin(store, u, u.startsWith('admin') ? 'admin' : u.startsWith('r') ? 'reviewer' : 'annotator');
}

/** A dataset with its records (external ids `NAME-0`, …) and members; returns the record ids in order. */
export async function seedDataset(
  store: Store,
  name: string,
  settings: DatasetSettingsInput,
  records: Record<string, unknown>[],
  members: string[],
): Promise<{ dataset: Dataset; ids: number[] }> {
  const dataset = await store.datasets.create(name, datasetSettings.parse(settings), 'e2e');
  await store.records.insert(
    dataset.id,
    records.map((fields, i) => ({
      externalId: `${name}-${i}`,
      fields,
      metadata: {},
      provenance: { origin: 'human' as const, author: 'e2e' },
      contentHash: contentHash(fields),
    })),
    'e2e',
  );
  if (members.length) await store.members.change(dataset.id, { add: members }, 'e2e');
  const rows = await contextOf(store)
    .db.selectFrom('records')
    .select('id')
    .where('dataset_id', '=', dataset.id)
    .orderBy('id')
    .execute();
  return { dataset, ids: rows.map((r) => r.id) };
}

export async function userOf(store: Store, username: string): Promise<{ id: number; username: string }> {
  const u = await store.users.find(username);
  if (!u) throw new Error(`no user ${username}`);
  return { id: u.id, username: u.username };
}

/** A submitted answer, as the API would store it. */
export async function answer(
  store: Store,
  dataset: Dataset,
  recordId: number,
  username: string,
  values: Record<string, unknown>,
): Promise<void> {
  await respond(store, {
    user: { ...(await userOf(store, username)), languages: [] },
    paused: null,
    record: await store.records.get(recordId),
    settings: dataset.settings,
    values,
    status: 'submitted',
    timeSpentMs: 1000,
    leaseMs: 60_000,
  });
}

export async function review(
  store: Store,
  dataset: Dataset,
  recordId: number,
  username: string,
  decision: ReviewDecision,
): Promise<void> {
  await decide(store, {
    reviewer: await userOf(store, username),
    recordId,
    settings: dataset.settings,
    decision,
  });
}

export interface StoredResponse {
  id: number;
  recordId: number;
  username: string;
  status: string;
  values: Record<string, unknown>;
  reason: string | null;
  timeSpentMs: number;
}

/** Every annotation-round response in a dataset, by record. */
export async function responsesOf(store: Store, datasetId: number): Promise<StoredResponse[]> {
  const rows = await contextOf(store)
    .db.selectFrom('responses')
    .innerJoin('records', 'records.id', 'responses.record_id')
    .innerJoin('users', 'users.id', 'responses.user_id')
    .select([
      'responses.id',
      'responses.record_id',
      'users.username',
      'responses.status',
      'responses.values',
      'responses.reason',
      'responses.time_spent_ms',
    ])
    .where('records.dataset_id', '=', datasetId)
    .where('responses.round', '=', 1)
    .orderBy('responses.record_id')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recordId: r.record_id,
    username: r.username,
    status: r.status,
    values: readJson(r.values),
    reason: r.reason,
    timeSpentMs: r.time_spent_ms,
  }));
}
