import { usage } from '../../core/errors.js';
import { own } from '../../core/own.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { CandidateRecord, CheckVerdict } from '../../store/release-inputs.js';
import { murmur3x128String } from '../../text/hash.js';
import { UnionFind } from '../../text/union-find.js';
import { Column, KeyColumn } from './columns.js';
import { type MixReport, type MixSpec, type MixStrata, mixKeep, originClass } from './mix.js';
import { piiFindingIds } from './pii-gate.js';
import { assignSplitColumns, type SplitSpec } from './splits.js';

/**
 * Which candidates a release takes and in which split: read once, as pages of light rows in id
 * order, into typed arrays (a few dozen bytes per record, never the records' content). Groups come
 * from the near-duplicate checks' clusters and shared parents; pins from the base release.
 */

export const PLAN_CHECKS = ['dedup', 'semantic_dedup', 'pii', 'decontaminate'];
const BUILT_IN_STRATA = new Set(['language', 'origin', 'status']);

export interface PlanOptions {
  settings: DatasetSettings;
  splits: SplitSpec[];
  stratifyBy: string[];
  mix?: MixSpec | undefined;
  /** Fields whose every value must meet the mix on its own (`--mix-by`). */
  mixBy?: string[] | undefined;
  /** Records found in an evaluation set (`--decontaminate`): counted per split, or left out. */
  contaminated?: { ids: ReadonlySet<number>; exclude: boolean } | undefined;
  /** Record id → split name, from the base release, in id order. */
  pins?: AsyncIterable<{ recordId: number; split: string }[]> | undefined;
}

export interface ReleasePlan {
  /** Candidate ids in increasing order. */
  ids: Float64Array;
  /** Split index per candidate; -1 when the mix dropped it. */
  split: Int8Array;
  count: number;
  /** PII findings on kept records: finding id → record. */
  piiFindings: Map<string, number>;
  strata: string[];
  /** Records per stratum and split (`strata.length × splits.length`). */
  perStratum: number[][];
  groups: number;
  /** Records of groups larger than one. */
  groupedRecords: number;
  pinned: number;
  /** Groups whose pinned members disagreed (merged since the base release): placed by majority. */
  movedGroups: number;
  /** Near-duplicate or parent links whose two ends landed in different splits (0 by construction). */
  crossSplitPairs: number;
  links: number;
  contaminated: Record<string, number>;
  /** `--decontaminate`: records found, per split they are in (none when excluded), and left out. */
  decontaminated?: { bySplit: Record<string, number>; excluded: number };
  mix?: MixReport;
}

function stratumValue(r: CandidateRecord, field: string): string {
  const v =
    field === 'language'
      ? r.language
      : field === 'origin'
        ? r.provenance.origin
        : field === 'status'
          ? r.status
          : own(r.metadata, field);
  if (v === null || v === undefined || v === '') return '(none)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A 53-bit order from a key's 128-bit hash: uniform, and the same on every run and machine. */
const orderOf = (h: Uint32Array): number => h[0]! * 2 ** 21 + (h[1]! >>> 11);
const hashOrder = (key: string): number => orderOf(murmur3x128String(key));

export async function planRelease(
  pages: AsyncIterable<CandidateRecord[]>,
  verdictsOf: (ids: number[]) => Promise<CheckVerdict[]>,
  o: PlanOptions,
): Promise<ReleasePlan> {
  const declared = new Set(o.settings.metadata.map((m) => m.name));
  const seenMeta = new Set<string>();
  const ids = new Column((n) => new Float64Array(n));
  const strataCol = new Column((n) => new Int32Array(n));
  const origin = new Column((n) => new Int32Array(n));
  const pinCol = new Column((n) => new Int32Array(n));
  const keys = new KeyColumn();
  const strataIndex = new Map<string, number>();
  const strata: string[] = [];
  const mixBy = o.mix && o.mixBy?.length ? o.mixBy : undefined;
  const mixStrataCol = new Column((n) => new Int32Array(n));
  const mixStrataIndex = new Map<string, number>();
  const mixStrata: string[] = [];
  const linkA = new Column((n) => new Int32Array(n));
  const linkTarget = new Column((n) => new Float64Array(n));
  const piiByIndex = new Map<number, string[]>();
  const contaminatedIdx = new Set<number>();

  const pinIter = o.pins?.[Symbol.asyncIterator]();
  let pinPage: { recordId: number; split: string }[] = [];
  let pinPos = 0;
  let pinsDone = !pinIter;
  const splitIndex = new Map(o.splits.map((s, i) => [s.name, i]));
  /** The pin from the page at hand; undefined when the next page must be read first. */
  function pinInPage(id: number): number | undefined {
    while (pinPos < pinPage.length && pinPage[pinPos]!.recordId < id) pinPos++;
    if (pinPos < pinPage.length) {
      const p = pinPage[pinPos]!;
      return p.recordId === id ? (splitIndex.get(p.split) ?? -1) : -1;
    }
    return pinsDone ? -1 : undefined;
  }
  async function pinOf(id: number): Promise<number> {
    for (;;) {
      const p = pinInPage(id);
      if (p !== undefined) return p;
      const next = await pinIter!.next();
      if (next.done) {
        pinsDone = true;
        return -1;
      }
      pinPage = next.value;
      pinPos = 0;
    }
  }

  for await (const page of pages) {
    const base = ids.length;
    for (const r of page) {
      ids.push(r.id);
      keys.push(r.externalId);
      for (const k of Object.keys(r.metadata)) seenMeta.add(k);
      const key = o.stratifyBy.map((f) => stratumValue(r, f)).join(' / ');
      let s = strataIndex.get(key);
      if (s === undefined) {
        s = strata.length;
        strata.push(key);
        strataIndex.set(key, s);
      }
      strataCol.push(s);
      if (mixBy) {
        const mk = mixBy.map((f) => stratumValue(r, f)).join(' / ');
        let m = mixStrataIndex.get(mk);
        if (m === undefined) {
          m = mixStrata.length;
          mixStrata.push(mk);
          mixStrataIndex.set(mk, m);
        }
        mixStrataCol.push(m);
      }
      origin.push(originClass(r.provenance) === 'synthetic' ? 0 : 1);
      // An await only when a page of pins runs out (an await per record: ~80 ms of CPU per million).
      pinCol.push(pinInPage(r.id) ?? (await pinOf(r.id)));
      const parent = r.provenance.origin === 'synthetic' ? r.provenance.parentRecordId : undefined;
      if (parent !== undefined) {
        linkA.push(ids.length - 1);
        linkTarget.push(parent);
      }
    }
    const byId = new Map(page.map((r, i) => [r.id, base + i]));
    for (const v of await verdictsOf(page.map((r) => r.id))) {
      const i = byId.get(v.recordId);
      if (i === undefined || v.passed) continue;
      const d = (v.details ?? {}) as { duplicateOfId?: unknown; types?: unknown };
      if ((v.check === 'dedup' || v.check === 'semantic_dedup') && typeof d.duplicateOfId === 'number') {
        linkA.push(i);
        linkTarget.push(d.duplicateOfId);
      } else if (v.check === 'pii') {
        piiByIndex.set(i, piiFindingIds(page[i - base]!.externalId, d.types));
      } else if (v.check === 'decontaminate') contaminatedIdx.add(i);
    }
  }
  for (const [flag, fields] of [
    ['--stratify-by', o.stratifyBy],
    ['--mix-by', mixBy ?? []],
  ] as const)
    for (const f of fields)
      if (!BUILT_IN_STRATA.has(f) && !declared.has(f) && !seenMeta.has(f))
        throw usage(
          `${flag}: '${f}' is not language, origin, status or a metadata property of the dataset` +
            (declared.size || seenMeta.size
              ? ` (metadata: ${[...new Set([...declared, ...seenMeta])].sort().join(', ')})`
              : ''),
        );

  const n = ids.length;
  const idView = ids.view;
  // Links may point at records outside the release (another status, deleted): those ends become
  // extra nodes, so two candidates linked to the same absent record still share a group.
  const extra = new Map<number, number>();
  const indexOfId = (id: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = idView[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    let e = extra.get(id);
    if (e === undefined) {
      e = n + extra.size;
      extra.set(id, e);
    }
    return e;
  };
  const targets = linkTarget.view;
  const targetIdx = new Int32Array(targets.length);
  for (let l = 0; l < targets.length; l++) targetIdx[l] = indexOfId(targets[l]!);
  const uf = new UnionFind(n + extra.size);
  const linkFrom = linkA.view;
  for (let l = 0; l < linkFrom.length; l++) uf.union(linkFrom[l]!, targetIdx[l]!);

  // Mixing drops records before splitting, so the splits are made of what the release holds.
  const keep = new Uint8Array(n).fill(1);
  // Records found in an evaluation set go first when asked: the mix and the splits are then made
  // of what the release really holds.
  let excluded = 0;
  if (o.contaminated?.exclude)
    for (let i = 0; i < n; i++)
      if (o.contaminated.ids.has(idView[i]!)) {
        keep[i] = 0;
        excluded++;
      }
  let mixReport: ReleasePlan['mix'];
  if (o.mix) {
    const strataOfMix: MixStrata | undefined = mixBy
      ? { by: mixBy, of: mixStrataCol.view, names: mixStrata }
      : undefined;
    mixReport = mixKeep(o.mix, origin.view, (i) => hashOrder(`mix:${keys.get(i)}`), keep, strataOfMix);
  }

  // Groups: numbered by their first (lowest id) member, keyed by that member's external id, which
  // later records joining the group cannot change. Columns of at most n groups.
  const groupOf = new Int32Array(n).fill(-1);
  const rootGroup = new Int32Array(n + extra.size).fill(-1);
  let nGroups = 0;
  const gSize = new Int32Array(n);
  const gStratum = new Int32Array(n);
  const gOrder = new Float64Array(n);
  const gFirst = new Int32Array(n);
  const gPin = new Int32Array(n);
  // Pins per group: the first seen, and only where members disagree a tally (rare: groups merged).
  const firstPin = new Int32Array(n);
  const tallies = new Map<number, Map<number, number>>();
  const pins = pinCol.view;
  const strataV = strataCol.view;
  let pinned = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const root = uf.find(i);
    let g = rootGroup[root]!;
    if (g < 0) {
      g = nGroups++;
      rootGroup[root] = g;
      gStratum[g] = strataV[i]!;
      gOrder[g] = orderOf(keys.hash(i));
      gFirst[g] = i;
      gPin[g] = -1;
      firstPin[g] = -1;
    }
    groupOf[i] = g;
    gSize[g]!++;
    const p = pins[i]!;
    if (p < 0) continue;
    pinned++;
    const first = firstPin[g]!;
    if (first < 0) firstPin[g] = p;
    let t = tallies.get(g);
    if (!t && first >= 0 && first !== p) {
      // Recount this group's pins so far: every earlier pinned member had `first`.
      t = new Map([[first, 0]]);
      for (let j = 0; j < i; j++)
        if (groupOf[j] === g && pins[j]! >= 0) t.set(pins[j]!, (t.get(pins[j]!) ?? 0) + 1);
      t.set(p, (t.get(p) ?? 0) + 1);
      tallies.set(g, t);
    } else if (t) t.set(p, (t.get(p) ?? 0) + 1);
    if (!t) gPin[g] = p;
  }
  for (const [g, votes] of tallies) {
    // Most members' split; on a tie the later split (held-out data stays held out).
    let best = -1;
    let bestN = -1;
    for (const [s, c] of votes)
      if (c > bestN || (c === bestN && s > best)) {
        best = s;
        bestN = c;
      }
    gPin[g] = best;
  }
  const movedGroups = tallies.size;
  const assigned = assignSplitColumns(
    {
      length: nGroups,
      size: gSize.subarray(0, nGroups),
      stratum: gStratum.subarray(0, nGroups),
      order: gOrder.subarray(0, nGroups),
      pin: gPin.subarray(0, nGroups),
      compareKeys: (a, b) => keys.compare(gFirst[a]!, gFirst[b]!),
    },
    o.splits,
    strata.length,
  );

  const split = new Int8Array(n).fill(-1);
  const perStratum = strata.map(() => o.splits.map(() => 0));
  const contaminated: Record<string, number> = {};
  const foundBySplit: Record<string, number> = {};
  let count = 0;
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    if (g < 0) continue;
    const s = assigned[g]!;
    split[i] = s;
    perStratum[strataV[i]!]![s]!++;
    count++;
    if (contaminatedIdx.has(i)) contaminated[o.splits[s]!.name] = (contaminated[o.splits[s]!.name] ?? 0) + 1;
    if (o.contaminated?.ids.has(idView[i]!))
      foundBySplit[o.splits[s]!.name] = (foundBySplit[o.splits[s]!.name] ?? 0) + 1;
  }
  let crossSplitPairs = 0;
  for (let l = 0; l < linkFrom.length; l++) {
    const a = linkFrom[l]!;
    const b = targetIdx[l]!;
    if (b < n && split[a]! >= 0 && split[b]! >= 0 && split[a] !== split[b]) crossSplitPairs++;
  }
  const piiFindings = new Map<string, number>();
  for (const [i, findings] of piiByIndex)
    if (split[i]! >= 0) for (const f of findings) piiFindings.set(f, idView[i]!);

  let groupedRecords = 0;
  for (let g = 0; g < nGroups; g++) if (gSize[g]! > 1) groupedRecords += gSize[g]!;
  return {
    ids: idView,
    split,
    count,
    piiFindings,
    strata,
    perStratum,
    groups: nGroups,
    groupedRecords,
    pinned,
    movedGroups,
    crossSplitPairs,
    links: linkFrom.length,
    contaminated,
    ...(o.contaminated ? { decontaminated: { bySplit: foundBySplit, excluded } } : {}),
    ...(mixReport ? { mix: mixReport } : {}),
  };
}
