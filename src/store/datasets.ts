import { sql } from 'kysely';
import type { Actor } from '../core/actor.js';
import { conflict, notFound } from '../core/errors.js';
import type { RecordStatus } from '../core/record.js';
import type { DatasetSettings } from '../core/settings.js';
import { type Ctx, inTransaction, now } from './context.js';
import { readJson, writeJson } from './dialect.js';
import { appendEvent } from './events.js';

export interface Dataset {
  id: number;
  name: string;
  settings: DatasetSettings;
  createdAt: number;
  updatedAt: number;
}

export interface DatasetSummary extends Dataset {
  records: number;
  byStatus: Partial<Record<RecordStatus, number>>;
}

type Row = { id: number; name: string; settings: unknown; created_at: number; updated_at: number };

/**
 * Parsed settings by their stored JSON text: parsing with zod on every API request cost more than
 * the queries. Keyed by the text itself, so a changed setting can never be served stale. Callers
 * treat settings as read-only.
 */
const parsed = new Map<string, DatasetSettings>();

type SettingsSchema = typeof import('../core/settings.js').datasetSettings;
let schema: SettingsSchema | undefined;

/**
 * Loads the settings schema (zod and every field and question type: most of a small command's
 * start-up) when a read first returns a dataset with its settings; `summaries` never does.
 */
export async function settingsReady(): Promise<void> {
  schema ??= (await import('../core/settings.js')).datasetSettings;
}

function parseStored(raw: unknown): DatasetSettings {
  if (!schema) throw new Error('dataset settings parsed before settingsReady()');
  if (typeof raw !== 'string') return schema.parse(readJson(raw));
  let s = parsed.get(raw);
  if (!s) {
    s = schema.parse(JSON.parse(raw));
    if (parsed.size >= 200) parsed.delete(parsed.keys().next().value as string);
    parsed.set(raw, s);
  }
  return s;
}

/** A stored dataset; its async caller has awaited `settingsReady()` (the settings are parsed here). */
export function toDataset(r: Row): Dataset {
  // Settings were validated when stored; parsing again applies defaults added by later versions.
  return {
    id: r.id,
    name: r.name,
    settings: parseStored(r.settings),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function createDataset(
  ctx: Ctx,
  name: string,
  settings: DatasetSettings,
  actor: Actor,
): Promise<Dataset> {
  await settingsReady();
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('datasets')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    if (existing) throw conflict(`dataset '${name}' already exists`);
    const t = now();
    const row = await tx.db
      .insertInto('datasets')
      .values({ name, settings: writeJson(settings), created_at: t, updated_at: t })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(tx, {
      actor,
      action: 'dataset.create',
      entityType: 'dataset',
      entityId: row.id,
      datasetId: row.id,
      after: { name, settings },
    });
    return toDataset(row);
  });
}

export async function findDataset(ctx: Ctx, name: string): Promise<Dataset | undefined> {
  await settingsReady();
  const row = await ctx.db.selectFrom('datasets').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toDataset(row) : undefined;
}

export async function getDatasetById(ctx: Ctx, id: number): Promise<Dataset> {
  await settingsReady();
  const r = await ctx.db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('dataset', id);
  return toDataset(r);
}

export async function getDataset(ctx: Ctx, name: string): Promise<Dataset> {
  const d = await findDataset(ctx, name);
  if (!d) throw notFound('dataset', name);
  return d;
}

/**
 * Records per status. `lens: 'annotator'` counts as annotators see them: a gold record as one waiting
 * for answers (`new`), so no count tells gold apart.
 */
export async function countByStatus(
  ctx: Ctx,
  datasetId: number,
  lens: RecordLens = 'truth',
): Promise<Partial<Record<RecordStatus, number>>> {
  const status =
    lens === 'annotator'
      ? sql<string>`CASE WHEN gold_values IS NULL THEN status ELSE 'new' END`
      : sql<string>`status`;
  const rows = await ctx.db
    .selectFrom('records')
    .select([status.as('status'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('dataset_id', '=', datasetId)
    .groupBy(status)
    .execute();
  const out: Partial<Record<RecordStatus, number>> = {};
  for (const r of rows) out[r.status as RecordStatus] = (out[r.status as RecordStatus] ?? 0) + Number(r.n);
  return out;
}

/** How a read shows gold records: as they are (reviewers, owners), or as annotators must see them. */
export type RecordLens = 'truth' | 'annotator';

export function totalOf(byStatus: Partial<Record<RecordStatus, number>>): number {
  return Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0);
}

/** A dataset's name and record counts, without its settings: what `tandem datasets list` prints. */
export interface DatasetCounts {
  id: number;
  name: string;
  createdAt: number;
  records: number;
  byStatus: Partial<Record<RecordStatus, number>>;
}

/** Every dataset's counts, by name; reads no settings (and so never loads their schema). */
export async function datasetSummaries(ctx: Ctx, lens: RecordLens = 'truth'): Promise<DatasetCounts[]> {
  const rows = await ctx.db
    .selectFrom('datasets')
    .select(['id', 'name', 'created_at'])
    .orderBy('name')
    .execute();
  const out: DatasetCounts[] = [];
  for (const r of rows) {
    const byStatus = await countByStatus(ctx, r.id, lens);
    out.push({ id: r.id, name: r.name, createdAt: r.created_at, records: totalOf(byStatus), byStatus });
  }
  return out;
}

export async function listDatasets(ctx: Ctx, lens: RecordLens = 'truth'): Promise<DatasetSummary[]> {
  await settingsReady();
  const rows = await ctx.db.selectFrom('datasets').selectAll().orderBy('name').execute();
  const out: DatasetSummary[] = [];
  for (const r of rows) {
    const byStatus = await countByStatus(ctx, r.id, lens);
    out.push({ ...toDataset(r), records: totalOf(byStatus), byStatus });
  }
  return out;
}

/** Deletes a dataset and, by cascade, its records, responses and suggestions. The event log keeps a tombstone. */
export async function deleteDataset(ctx: Ctx, name: string, actor: Actor): Promise<{ records: number }> {
  return inTransaction(ctx, async (tx) => {
    const d = await getDataset(tx, name);
    const byStatus = await countByStatus(tx, d.id);
    const records = totalOf(byStatus);
    await tx.db.deleteFrom('datasets').where('id', '=', d.id).execute();
    await appendEvent(tx, {
      actor,
      action: 'dataset.delete',
      entityType: 'dataset',
      entityId: d.id,
      datasetId: null,
      before: { name: d.name, settings: d.settings, records },
    });
    return { records };
  });
}

export const datasetsRepository = {
  create: createDataset,
  find: findDataset,
  get: getDataset,
  getById: getDatasetById,
  list: listDatasets,
  summaries: datasetSummaries,
  countByStatus,
  delete: deleteDataset,
};
