import { canonicalJson } from '../../core/hash.js';
import type { FrozenKey } from '../../store/releases.js';
import type { Store } from '../../store/store.js';
import { type ResolvedRelease, resolveRelease } from './read-release.js';

/**
 * The difference between two releases, record by record (a record is the same record in both when
 * it has the same id). Both releases are read as streams of keys in record id order and merged, so
 * memory holds one page of each plus the listed changes; snapshots are read only for records whose
 * frozen row changed, to say what changed in them.
 */

export type Change =
  | { kind: 'added'; recordId: number; externalId: string; split: string }
  | { kind: 'removed'; recordId: number; externalId: string; split: string }
  | {
      kind: 'changed';
      recordId: number;
      externalId: string;
      /** Fields (and `metadata.KEY`) whose content changed. */
      fields: string[];
      /** Questions whose final value changed. */
      relabelled: { question: string; from: unknown; to: unknown }[];
      /** The split it moved between, when it moved. */
      split?: { from: string; to: string };
      /** Other frozen parts that changed: status, language, responses, provenance. */
      other: string[];
    };

export interface ReleaseDiff {
  from: { dataset: string; version: string; releaseHash: string | null; records: number };
  to: { dataset: string; version: string; releaseHash: string | null; records: number };
  counts: {
    added: number;
    removed: number;
    modified: number;
    relabelled: number;
    splitChanged: number;
    unchanged: number;
  };
  /** Split changes by pair, `train→test`. */
  splitMoves: Record<string, number>;
  /** Changes in record id order, at most `limit` of them. */
  changes: Change[];
  truncated: boolean;
}

export interface DiffOptions {
  /** How many changes to list (counts are always complete). 0 lists all. */
  limit?: number;
}

/** Pulls keys one at a time from a stream of pages. */
class KeyCursor {
  #page: FrozenKey[] = [];
  #pos = 0;
  #done = false;
  constructor(private readonly it: AsyncIterator<FrozenKey[]>) {}
  async peek(): Promise<FrozenKey | undefined> {
    while (this.#pos >= this.#page.length) {
      if (this.#done) return undefined;
      const n = await this.it.next();
      if (n.done) {
        this.#done = true;
        return undefined;
      }
      this.#page = n.value;
      this.#pos = 0;
    }
    return this.#page[this.#pos];
  }
  skip(): void {
    this.#pos++;
  }
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function describeChange(a: Record<string, unknown>, b: Record<string, unknown>) {
  const fields: string[] = [];
  const fa = (a.fields ?? {}) as Record<string, unknown>;
  const fb = (b.fields ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(fa), ...Object.keys(fb)])) if (!same(fa[k], fb[k])) fields.push(k);
  const ma = (a.metadata ?? {}) as Record<string, unknown>;
  const mb = (b.metadata ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ma), ...Object.keys(mb)]))
    if (!same(ma[k], mb[k])) fields.push(`metadata.${k}`);
  const va = (a.final_values ?? {}) as Record<string, { value?: unknown }>;
  const vb = (b.final_values ?? {}) as Record<string, { value?: unknown }>;
  const relabelled: { question: string; from: unknown; to: unknown }[] = [];
  for (const q of new Set([...Object.keys(va), ...Object.keys(vb)]))
    if (!same(va[q]?.value, vb[q]?.value))
      relabelled.push({ question: q, from: va[q]?.value ?? null, to: vb[q]?.value ?? null });
  const other = ['status', 'language', 'responses', 'provenance'].filter((k) => !same(a[k], b[k]));
  return { fields: fields.sort(), relabelled, other };
}

export async function diffReleases(
  store: Store,
  fromRef: string,
  toRef: string,
  o: DiffOptions = {},
): Promise<ReleaseDiff> {
  const from = await resolveRelease(store, fromRef, 'from');
  const to = await resolveRelease(store, toRef, 'to');
  return diffResolved(store, from, to, o);
}

export async function diffResolved(
  store: Store,
  from: ResolvedRelease,
  to: ResolvedRelease,
  o: DiffOptions = {},
): Promise<ReleaseDiff> {
  const limit = o.limit ?? 1000;
  const a = new KeyCursor(store.releases.keys(from.release.id)[Symbol.asyncIterator]());
  const b = new KeyCursor(store.releases.keys(to.release.id)[Symbol.asyncIterator]());
  const counts = { added: 0, removed: 0, modified: 0, relabelled: 0, splitChanged: 0, unchanged: 0 };
  const splitMoves: Record<string, number> = {};
  const changes: Change[] = [];
  let truncated = false;
  const list = (c: Change) => {
    if (limit === 0 || changes.length < limit) changes.push(c);
    else truncated = true;
  };
  // Records whose frozen row changed wait here until a batch of their snapshots is read.
  let pending: { x: FrozenKey; y: FrozenKey }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const ids = pending.map((p) => p.x.recordId);
    const [sa, sb] = await Promise.all([
      store.releases.rowsOf(from.release.id, ids),
      store.releases.rowsOf(to.release.id, ids),
    ]);
    const snapA = new Map(sa.map((r) => [r.recordId, r.snapshot]));
    const snapB = new Map(sb.map((r) => [r.recordId, r.snapshot]));
    for (const { x, y } of pending) {
      const d = describeChange(snapA.get(x.recordId) ?? {}, snapB.get(y.recordId) ?? {});
      const moved = x.split !== y.split;
      if (d.fields.length) counts.modified++;
      if (d.relabelled.length) counts.relabelled++;
      if (moved) {
        counts.splitChanged++;
        splitMoves[`${x.split}→${y.split}`] = (splitMoves[`${x.split}→${y.split}`] ?? 0) + 1;
      }
      if (!d.fields.length && !d.relabelled.length && !d.other.length && !moved) {
        counts.unchanged++;
        continue;
      }
      list({
        kind: 'changed',
        recordId: y.recordId,
        externalId: y.externalId,
        ...d,
        ...(moved ? { split: { from: x.split, to: y.split } } : {}),
      });
    }
    pending = [];
  };

  for (;;) {
    const x = await a.peek();
    const y = await b.peek();
    if (!x && !y) break;
    if (x && (!y || x.recordId < y.recordId)) {
      counts.removed++;
      list({ kind: 'removed', recordId: x.recordId, externalId: x.externalId, split: x.split });
      a.skip();
    } else if (y && (!x || y.recordId < x.recordId)) {
      counts.added++;
      list({ kind: 'added', recordId: y.recordId, externalId: y.externalId, split: y.split });
      b.skip();
    } else if (x && y) {
      if (x.rowHash === y.rowHash && x.split === y.split) counts.unchanged++;
      else if (x.rowHash === y.rowHash) {
        counts.splitChanged++;
        splitMoves[`${x.split}→${y.split}`] = (splitMoves[`${x.split}→${y.split}`] ?? 0) + 1;
        list({
          kind: 'changed',
          recordId: y.recordId,
          externalId: y.externalId,
          fields: [],
          relabelled: [],
          other: [],
          split: { from: x.split, to: y.split },
        });
      } else {
        pending.push({ x, y });
        if (pending.length >= 500) await flush();
      }
      a.skip();
      b.skip();
    }
  }
  await flush();
  changes.sort((p, q) => p.recordId - q.recordId);
  const side = (r: ResolvedRelease) => ({
    dataset: r.manifest.dataset,
    version: r.release.version,
    releaseHash: r.release.releaseHash,
    records: r.release.recordCount,
  });
  return { from: side(from), to: side(to), counts, splitMoves, changes, truncated };
}
