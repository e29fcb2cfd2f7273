import type SqliteDatabase from 'better-sqlite3';
import type { Actor } from '../core/actor.js';
import { addCheckResults } from './check-results.js';
import type { Ctx } from './context.js';
import { inTransaction, now, rawSqlite } from './context.js';
import { writeJson } from './dialect.js';
import { appendEvent } from './events.js';
import { encodeRecord, findRecordByExternalId, insertRecords, type NewRecord } from './records.js';

/**
 * One flush of a generation run: finished rows, validator flags on them, and failed rows as events,
 * in one transaction. On SQLite it is one synchronous transaction: the run writes model answers to
 * the cache on the same connection at any moment, and a transaction left open across an `await`
 * would take those writes into itself (and lose them if it rolled back, or the process died first).
 */

export interface GeneratedItem {
  record: NewRecord | null;
  flags: { check: string; message: string }[];
  failure?: { row: number; column: string; reason: string };
  /** A row a validator dropped: not stored, but the event log says which validator and why. */
  dropped?: { row: number; validator: string; message: string };
}

export interface GeneratedWrite {
  inserted: number;
  skipped: number;
}

export async function writeGeneratedRows(
  ctx: Ctx,
  datasetId: number,
  items: GeneratedItem[],
  actor: Actor,
  run: string,
): Promise<GeneratedWrite> {
  const raw = rawSqlite(ctx);
  if (raw && !ctx.db.isTransaction) return sqliteWrite(raw, datasetId, items, actor, run);
  return inTransaction(ctx, async (tx) => {
    const records = items.flatMap((i) => (i.record ? [i.record] : []));
    const r = records.length
      ? await insertRecords(tx, datasetId, records, actor, { run })
      : { inserted: 0, skipped: 0 };
    for (const item of items) {
      if (item.dropped) {
        await appendEvent(tx, {
          actor,
          action: 'generation.row_dropped',
          entityType: 'dataset',
          entityId: datasetId,
          datasetId,
          after: { run, ...item.dropped },
        });
      } else if (item.failure) {
        await appendEvent(tx, {
          actor,
          action: 'generation.row_failed',
          entityType: 'dataset',
          entityId: datasetId,
          datasetId,
          after: { run, ...item.failure },
        });
      } else if (item.record && item.flags.length > 0) {
        const stored = await findRecordByExternalId(tx, datasetId, item.record.externalId);
        if (stored)
          await addCheckResults(
            tx,
            item.flags.map((f) => ({
              recordId: stored.id,
              check: f.check,
              passed: false,
              details: { message: f.message },
            })),
          );
      }
    }
    return { inserted: r.inserted, skipped: r.skipped };
  });
}

const prepared = new WeakMap<SqliteDatabase.Database, ReturnType<typeof prepare>>();

function prepare(db: SqliteDatabase.Database) {
  return {
    record: db.prepare(
      `INSERT INTO records (dataset_id, external_id, fields, metadata, provenance, content_hash, language, status, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (dataset_id, external_id) DO NOTHING`,
    ),
    event: db.prepare(
      `INSERT INTO events (at, actor, action, entity_type, entity_id, dataset_id, before, after)
       VALUES (?, ?, ?, 'dataset', ?, ?, NULL, ?)`,
    ),
    check: db.prepare(
      'INSERT INTO check_results (record_id, "check", passed, score, details, created_at) VALUES (?, ?, 0, NULL, ?, ?)',
    ),
  };
}

function sqliteWrite(
  db: SqliteDatabase.Database,
  datasetId: number,
  items: GeneratedItem[],
  actor: Actor,
  run: string,
): GeneratedWrite {
  let s = prepared.get(db);
  if (!s) {
    s = prepare(db);
    prepared.set(db, s);
  }
  const st = s;
  const t = now();
  return db
    .transaction((): GeneratedWrite => {
      let inserted = 0;
      let skipped = 0;
      let firstId: number | null = null;
      let lastId: number | null = null;
      for (const item of items) {
        if (item.dropped) {
          st.event.run(
            t,
            actor,
            'generation.row_dropped',
            String(datasetId),
            datasetId,
            writeJson({ run, ...item.dropped }),
          );
          continue;
        }
        if (item.failure) {
          st.event.run(
            t,
            actor,
            'generation.row_failed',
            String(datasetId),
            datasetId,
            writeJson({ run, ...item.failure }),
          );
          continue;
        }
        if (!item.record) continue;
        const r = encodeRecord(item.record);
        const info = st.record.run(
          datasetId,
          r.externalId,
          r.fields,
          r.metadata,
          r.provenance,
          r.contentHash,
          r.language,
          r.status ?? 'new',
          t,
          t,
        );
        if (info.changes !== 1) {
          skipped++;
          continue;
        }
        inserted++;
        const id = Number(info.lastInsertRowid);
        firstId ??= id;
        lastId = id;
        for (const f of item.flags) st.check.run(id, f.check, writeJson({ message: f.message }), t);
      }
      if (inserted > 0)
        st.event.run(
          t,
          actor,
          'records.insert',
          String(datasetId),
          datasetId,
          writeJson({ run, inserted, firstId, lastId }),
        );
      return { inserted, skipped };
    })
    .immediate();
}

export const generatedRowsRepository = { write: writeGeneratedRows };
