import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/core/annotation.js';
import { contentHash } from '../../src/core/hash.js';
import { type DatasetSettingsInput, datasetSettings } from '../../src/core/settings.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import type { Dataset } from '../../src/store/datasets.js';
import type { OpenStore as Store } from '../../src/store/store.js';
import { contextOf } from '../../src/store/store.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in each test.
type Json = any;

/** A server over `store`, and a way to call it as any user (Bearer tokens: no CSRF dance). */
export interface ApiWorld {
  app: FastifyInstance;
  store: Store;
  tokens: Map<string, string>;
  addUser(username: string, role: Role, languages?: string[]): Promise<string>;
  call(
    username: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: () => Json }>;
  close(): Promise<void>;
}

export async function apiWorld(store: Store, options: ServerOptions = {}): Promise<ApiWorld> {
  const app = await buildServer(store, options);
  const tokens = new Map<string, string>();
  return {
    app,
    store,
    tokens,
    async addUser(username, role, languages = []) {
      const u = await store.users.create({ username, role, languages }, 'test');
      const t = await store.auth.createApiToken(u.id, 'test', 'test');
      tokens.set(username, t);
      return t;
    },
    async call(username, method, url, body) {
      const res = await app.inject({
        method,
        url,
        headers: username ? { authorization: `Bearer ${tokens.get(username)}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return { status: res.statusCode, json: () => (res.body ? res.json() : undefined) };
    },
    async close() {
      await app.close();
    },
  };
}

export const labelSettings = (overlap: number, extra: Partial<DatasetSettingsInput> = {}) =>
  datasetSettings.parse({
    fields: [{ name: 'text', type: 'text' }],
    questions: [
      { name: 'sentiment', type: 'label', options: ['positive', 'negative', 'neutral'] },
      { name: 'note', type: 'text', required: false },
    ],
    metadata: [
      { name: 'topic', type: 'terms' },
      { name: 'turns', type: 'integer' },
    ],
    distribution: { responsesPerRecord: overlap },
    ...extra,
  });

/** A dataset of `n` records `t0`…, languages cycling through `languages` (null when empty), with members. */
export async function seedDataset(
  store: Store,
  name: string,
  n: number,
  o: { overlap?: number; languages?: string[]; members?: string[]; texts?: (i: number) => string } = {},
): Promise<Dataset> {
  const d = await store.datasets.create(name, labelSettings(o.overlap ?? 1), 'test');
  const langs = o.languages ?? [];
  const rows = Array.from({ length: n }, (_, i) => {
    const fields = { text: o.texts ? o.texts(i) : `record number ${i}` };
    return {
      externalId: `t${i}`,
      fields,
      metadata: { topic: i % 2 ? 'billing' : 'shipping', turns: i % 3 },
      provenance: { origin: 'human' as const, author: 'test' },
      contentHash: contentHash(fields),
      language: langs.length ? langs[i % langs.length]! : null,
    };
  });
  for (let i = 0; i < rows.length; i += 5000)
    await store.records.insert(d.id, rows.slice(i, i + 5000), 'test');
  if (o.members?.length) await store.members.change(d.id, { add: o.members }, 'test');
  return d;
}

/** A dataset's record ids in import order. */
export async function recordIdsOf(store: Store, datasetId: number): Promise<number[]> {
  const rows = await contextOf(store)
    .db.selectFrom('records')
    .select('id')
    .where('dataset_id', '=', datasetId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
