import type { Actor } from '../../core/actor.js';
import type { Erasure, ErasurePlan, ErasureSelector } from '../../core/erasure.js';
import { usage } from '../../core/errors.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { PurgeReport, VacuumMode } from '../../store/erasure-purge.js';
import type { Store } from '../../store/store.js';

/**
 * Erasure of records on a data owner's request (GDPR Art. 17): choose the records, show what will
 * be touched, erase in one transaction, then purge the content from the store's files. See
 * docs/releases.md, "Lineage and erasure".
 */

export interface EraseRequest {
  dataset: string;
  /** Exactly one of these three. */
  records?: number[];
  /** `FIELD=VALUE`: a field, a metadata key, or `external_id`. */
  where?: string;
  match?: string;
}

/** `--match` shorter than this would pick records by accident. */
const MIN_MATCH = 3;

/** The selector a request names, checked against the dataset's settings. Bad usage: exit 2. */
export function selectorFor(settings: DatasetSettings, req: EraseRequest): ErasureSelector {
  const given = [req.records !== undefined, req.where !== undefined, req.match !== undefined].filter(Boolean);
  if (given.length !== 1) throw usage('give exactly one of --record, --where or --match');
  if (req.records !== undefined) {
    if (req.records.length === 0) throw usage('--record: give a record id');
    for (const id of req.records)
      if (!Number.isSafeInteger(id) || id < 1) throw usage(`--record: '${id}' is not a record id`);
    return { kind: 'record', recordIds: [...new Set(req.records)].sort((a, b) => a - b) };
  }
  if (req.where !== undefined) {
    const eq = req.where.indexOf('=');
    if (eq <= 0) throw usage(`--where '${req.where}': expected FIELD=VALUE`);
    const field = req.where.slice(0, eq).trim();
    const value = req.where.slice(eq + 1);
    if (value === '') throw usage(`--where '${req.where}': the value is empty`);
    if (field === 'external_id') return { kind: 'where', field, in: 'external_id', value };
    if (settings.fields.some((f) => f.name === field)) return { kind: 'where', field, in: 'fields', value };
    if (settings.metadata.some((m) => m.name === field))
      return { kind: 'where', field, in: 'metadata', value };
    const known = [
      ...settings.fields.map((f) => f.name),
      ...settings.metadata.map((m) => m.name),
      'external_id',
    ];
    throw usage(
      `--where: the dataset has no field or metadata '${field}'; expected one of ${known.join(', ')}`,
    );
  }
  const text = req.match ?? '';
  if (text.trim().length < MIN_MATCH) throw usage(`--match: give at least ${MIN_MATCH} characters`);
  return { kind: 'match', text };
}

/** What erasing would touch, without touching it. */
export async function previewErasure(store: Store, req: EraseRequest): Promise<ErasurePlan> {
  const d = await store.datasets.get(req.dataset);
  return store.erasure.plan({ id: d.id, name: d.name }, selectorFor(d.settings, req));
}

export interface EraseResult {
  erasure: Erasure;
  purge: PurgeReport;
}

/** Erases (one transaction), then removes the content from the store's files. */
export async function eraseRecords(
  store: Store,
  req: EraseRequest & { reason: string; actor: Actor; vacuum?: VacuumMode },
): Promise<EraseResult> {
  const reason = req.reason.trim();
  if (!reason) throw usage('--reason: say why (it is kept in the tombstone)');
  const d = await store.datasets.get(req.dataset);
  const selector = selectorFor(d.settings, req);
  const erasure = await store.erasure.erase({
    dataset: { id: d.id, name: d.name },
    selector,
    reason,
    actor: req.actor,
  });
  const purge = await store.erasure.purge(req.vacuum ? { vacuum: req.vacuum } : {});
  return { erasure, purge };
}
