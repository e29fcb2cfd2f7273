import type { Actor } from '../../core/actor.js';
import { badInput } from '../../core/errors.js';
import { jensenShannonDistance } from '../../stats/divergence.js';
import type { StoredAudit } from '../../store/audits.js';
import type { Store } from '../../store/store.js';
import type { FactualResults } from './factual-estimate.js';
import type { GroupMetrics } from './group-metrics.js';
import type { RepresentationResults } from './representation.js';
import { representationAudit } from './run-representation.js';

/**
 * Drift between two versions: each side is a representation audit (the newest one stored for that
 * release, else one computed now over the release's records; without `to`, the current dataset), so
 * versions compare on the same measurements. Per dimension: the Jensen–Shannon distance between the
 * two distributions and the values that appeared or vanished; overall: flag rates per check,
 * rejection rate, agreement, mean length, and the factual error rate where each side has one.
 */

export interface DimensionDrift {
  name: string;
  jsDistance: number | null;
  newValues: string[];
  vanishedValues: string[];
}

export interface Change {
  metric: string;
  from: number | null;
  to: number | null;
}

export interface DriftResults {
  kind: 'drift';
  from: { version: string; audit: number | null; records: number };
  to: { version: string | null; audit: number | null; records: number };
  dimensions: DimensionDrift[];
  changes: Change[];
}

async function side(
  store: Store,
  dataset: string,
  datasetId: number,
  version: string | undefined,
  by: string[] | undefined,
  actor: Actor,
): Promise<{ audit: StoredAudit | null; results: RepresentationResults }> {
  if (version !== undefined) {
    const stored = (await store.audits.list({ datasetId, kinds: ['representation'] })).find(
      (a) => a.releaseVersion === version,
    );
    if (stored) return { audit: stored, results: stored.results as RepresentationResults };
    if (!(await store.auditReads.releaseRecordIds(datasetId, version)))
      throw badInput(
        `release '${version}' of '${dataset}' has no representation audit and no records in the store: run \`tandem audit representation --dataset ${dataset} --release ${version}\` on it first`,
      );
  }
  const r = await representationAudit(store, dataset, {
    ...(by ? { by } : {}),
    ...(version ? { release: version } : {}),
    descriptors: false,
    actor,
    store: false,
  });
  return { audit: null, results: r.results };
}

function metricsOf(m: GroupMetrics): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const [k, f] of Object.entries(m.flags)) out.set(`flag rate: ${k}`, f.rate);
  out.set('rejection rate', m.rejection.rate);
  out.set('agreement', m.agreement.mean);
  out.set('judge score (mean)', m.judge.mean);
  out.set('length (mean characters)', m.meanLength);
  return out;
}

async function errorRate(store: Store, datasetId: number, version: string | null): Promise<number | null> {
  const a = (await store.audits.list({ datasetId, kinds: ['factual'] })).find(
    (x) => x.releaseVersion === version && x.status === 'done',
  );
  return (a?.results as FactualResults | null)?.errorRate?.estimate ?? null;
}

export async function driftAudit(
  store: Store,
  dataset: string,
  options: { from: string; to?: string; actor: Actor },
): Promise<{ audit: StoredAudit; results: DriftResults }> {
  const d = await store.datasets.get(dataset);
  const from = await side(store, dataset, d.id, options.from, undefined, options.actor);
  const by = from.results.dimensions.map((x) => x.name);
  const to = await side(store, dataset, d.id, options.to, by, options.actor);
  const dimensions = from.results.dimensions.flatMap((fd): DimensionDrift[] => {
    const td = to.results.dimensions.find((x) => x.name === fd.name);
    if (!td) return [];
    const before = new Map(fd.values.map((v) => [v.value, v.count]));
    const after = new Map(td.values.map((v) => [v.value, v.count]));
    const values = [...new Set([...before.keys(), ...after.keys()])];
    const p = values.map((v) => before.get(v) ?? 0);
    const q = values.map((v) => after.get(v) ?? 0);
    const usable = p.some((x) => x > 0) && q.some((x) => x > 0);
    return [
      {
        name: fd.name,
        jsDistance: usable ? jensenShannonDistance(p, q) : null,
        newValues: values.filter((v) => !before.get(v) && after.get(v)),
        vanishedValues: values.filter((v) => before.get(v) && !after.get(v)),
      },
    ];
  });
  const mFrom = metricsOf(from.results.overall);
  const mTo = metricsOf(to.results.overall);
  const changes: Change[] = [...new Set([...mFrom.keys(), ...mTo.keys()])].map((metric) => ({
    metric,
    from: mFrom.get(metric) ?? null,
    to: mTo.get(metric) ?? null,
  }));
  changes.push({
    metric: 'factual error rate',
    from: await errorRate(store, d.id, options.from),
    to: await errorRate(store, d.id, options.to ?? null),
  });
  const results: DriftResults = {
    kind: 'drift',
    from: { version: options.from, audit: from.audit?.id ?? null, records: from.results.records },
    to: { version: options.to ?? null, audit: to.audit?.id ?? null, records: to.results.records },
    dimensions,
    changes,
  };
  const audit = await store.audits.create({
    datasetId: d.id,
    kind: 'drift',
    releaseVersion: options.to ?? null,
    params: { from: options.from, to: options.to ?? null },
    results,
    status: 'done',
    createdBy: options.actor,
  });
  return { audit, results };
}
