import { createHash } from 'node:crypto';
import type { Actor } from '../../core/actor.js';
import { usage } from '../../core/errors.js';
import type { RecordStatus } from '../../core/record.js';
import type { StoredRelease } from '../../store/releases.js';
import type { Store } from '../../store/store.js';
import { auditGate } from '../audit/index.js';
import { loadEvalSets, scanCandidates } from './decontaminate.js';
import type { ReleaseManifest } from './manifest.js';
import type { MixSpec } from './mix.js';
import { enforceGate, outputScanner, unknownWaivers, type Waiver } from './pii-gate.js';
import { PLAN_CHECKS, planRelease } from './plan.js';
import { latestRelease, releaseByVersion } from './read-release.js';
import { freeze, snapshotOf } from './snapshot.js';
import { ALL_TRAIN, type SplitSpec } from './splits.js';
import { Tally } from './tally.js';
import { compareVersions, nextMinor, parseVersion } from './version.js';

/**
 * `tandem release create`: freezes the chosen records of a dataset as a new version, in one
 * transaction (an interrupted run leaves no version behind; run it again). Two passes over the
 * records in id order: light rows to plan groups, splits, the mix and the PII gate; then the full
 * records, frozen page by page. Memory holds the plan (a few dozen bytes a record), never the data.
 */

/** Records a release takes when no `--status` is given: all but those withdrawn or refused. */
export const DEFAULT_RELEASE_STATUSES: RecordStatus[] = [
  'new',
  'checked',
  'flagged',
  'in_review',
  'accepted',
];

export interface CreateReleaseOptions {
  dataset: string;
  /** Defaults to the next minor version after `since`. */
  version?: string | undefined;
  /** Cut from this release: its splits pin records, and its options are the defaults. */
  since?: string | undefined;
  statuses?: RecordStatus[] | undefined;
  notes?: string | undefined;
  splits?: SplitSpec[] | undefined;
  stratifyBy?: string[] | undefined;
  mix?: MixSpec | undefined;
  /** Meet the mix within each value of these fields (`--mix-by`); needs `mix`. */
  mixBy?: string[] | undefined;
  /** Evaluation sets (JSONL) to scan the records against (`--decontaminate`). */
  decontaminate?: string[] | undefined;
  /** Leave the records found in them out (`--exclude-contaminated`); needs `decontaminate`. */
  excludeContaminated?: boolean | undefined;
  waivers?: Waiver[] | undefined;
  /** Audit kinds that must have passed, no older than the newest record released. */
  requireAudits?: string[] | undefined;
  actor: Actor;
  onProgress?: (stage: 'scan' | 'plan' | 'freeze', done: number) => void;
}

export interface CreatedRelease {
  release: StoredRelease;
  manifest: ReleaseManifest;
}

const PAGE = 1000;

export async function createRelease(store: Store, o: CreateReleaseOptions): Promise<CreatedRelease> {
  const dataset = await store.datasets.get(o.dataset);
  const settings = dataset.settings;
  const since = o.since
    ? await releaseByVersion(store, dataset.id, parseVersion(o.since, '--since'))
    : undefined;
  const base = since ?? (await latestRelease(store, dataset.id));
  const baseManifest = since ? (since.manifest as ReleaseManifest | null) : null;
  if (!o.version && !since)
    throw usage('--version is required (or --since DATASET@VERSION to cut the next minor)');
  const version = o.version ? parseVersion(o.version) : nextMinor(since!.version);
  if (since && compareVersions(version, since.version) <= 0)
    throw usage(`--version ${version} must come after --since ${since.version}`);
  if (await store.releases.find(dataset.id, version))
    throw usage(`release ${dataset.name}@${version} already exists; versions are immutable, choose another`);
  const statuses = o.statuses?.length ? o.statuses : (baseManifest?.statuses ?? DEFAULT_RELEASE_STATUSES);
  const splits = o.splits ?? baseManifest?.splits.map(({ name, ratio }) => ({ name, ratio })) ?? ALL_TRAIN;
  const stratifyBy = o.stratifyBy ?? baseManifest?.stratifyBy ?? [];
  const mix = o.mix ?? (baseManifest?.mix ? (baseManifest.mix.target as MixSpec) : undefined);
  const mixBy = o.mixBy ?? (o.mix ? undefined : baseManifest?.mix?.by);
  if (mixBy?.length && !mix) throw usage('--mix-by needs --mix (the shares to meet in each stratum)');
  if (o.excludeContaminated && !o.decontaminate?.length)
    throw usage('--exclude-contaminated needs --decontaminate EVAL.jsonl (the evaluation sets to scan for)');
  // Read before anything is written: a missing or malformed evaluation set is exit 2.
  const evalSets = o.decontaminate?.length ? loadEvalSets(o.decontaminate, settings) : undefined;
  const waivers = o.waivers ?? [];
  const notes = o.notes ?? '';
  const audits = await requiredAudits(store, dataset.id, dataset.name, statuses, o.requireAudits);

  return store.transaction(async (tx) => {
    const createdAt = Date.now();
    const releaseId = await tx.releases.begin({
      datasetId: dataset.id,
      version,
      notes,
      createdBy: o.actor,
      createdAt,
    });
    const found = evalSets
      ? await scanCandidates(tx, dataset.id, statuses, settings, evalSets, (n) => o.onProgress?.('scan', n))
      : undefined;
    let planned = 0;
    const plan = await planRelease(
      (async function* () {
        for await (const page of tx.releaseInputs.candidates(dataset.id, statuses)) {
          yield page;
          planned += page.length;
          o.onProgress?.('plan', planned);
        }
      })(),
      (ids) => tx.releaseInputs.verdicts(ids, PLAN_CHECKS),
      {
        settings,
        splits,
        stratifyBy,
        mix,
        mixBy,
        contaminated: found ? { ids: found.ids, exclude: o.excludeContaminated === true } : undefined,
        pins: base ? tx.releases.keys(base.id) : undefined,
      },
    );
    if (plan.count === 0)
      throw usage(`dataset '${dataset.name}' has no records in status ${statuses.join(', ')} to release`);
    enforceGate(plan.piiFindings.keys(), waivers, 'check results');

    const scan = outputScanner(settings);
    const outputFindings = new Set<string>();
    const hash = createHash('sha256');
    const tally = new Tally(settings.questions);
    const splitCounts = splits.map(() => 0);
    let pos = 0;
    let written = 0;
    for await (const page of tx.records.stream(dataset.id, { status: statuses, batchSize: PAGE })) {
      const chosen = [];
      for (const r of page) {
        while (pos < plan.ids.length && plan.ids[pos]! < r.id) pos++;
        // Only records the plan saw and kept: one created since the first pass waits for the next version.
        if (pos < plan.ids.length && plan.ids[pos] === r.id && plan.split[pos]! >= 0)
          chosen.push({ r, split: plan.split[pos]! });
      }
      if (chosen.length === 0) continue;
      const responses = await tx.responses.forRecords(chosen.map((c) => c.r.id));
      const rows = chosen.map(({ r, split }) => {
        const rs = responses.get(r.id)?.map((x) => ({
          user: x.username,
          round: x.round,
          status: x.status,
          values: x.values,
        }));
        const snapshot = snapshotOf(settings, r, rs);
        for (const f of scan(r.externalId, snapshot)) outputFindings.add(f);
        const frozen = freeze(snapshot);
        const splitName = splits[split]!.name;
        hash.update(`${r.externalId}\t${splitName}\t${frozen.hash}\n`);
        splitCounts[split]!++;
        tally.add(r, rs);
        return {
          recordId: r.id,
          externalId: r.externalId,
          contentHash: r.contentHash,
          split: splitName,
          rowHash: frozen.hash,
          snapshot: frozen.text,
        };
      });
      await tx.releases.addRows(releaseId, rows);
      written += rows.length;
      o.onProgress?.('freeze', written);
    }
    enforceGate(outputFindings, waivers, 'serialized rows');
    unknownWaivers(new Set([...plan.piiFindings.keys(), ...outputFindings]), waivers);

    const releaseHash = hash.digest('hex');
    const manifest: ReleaseManifest = {
      manifestVersion: 1,
      dataset: dataset.name,
      version,
      base: base?.version ?? null,
      createdBy: o.actor,
      createdAt: new Date(createdAt).toISOString(),
      notes,
      statuses,
      records: written,
      releaseHash,
      splits: splits.map((s, i) => ({ ...s, records: splitCounts[i]! })),
      stratifyBy,
      strata: plan.strata.map((stratum, i) => ({
        stratum,
        counts: Object.fromEntries(splits.map((s, k) => [s.name, plan.perStratum[i]![k]!])),
      })),
      leakage: {
        groups: plan.groups,
        groupedRecords: plan.groupedRecords,
        links: plan.links,
        crossSplitPairs: plan.crossSplitPairs,
        pinnedFromBase: plan.pinned,
        movedGroups: plan.movedGroups,
        contaminated: plan.contaminated,
      },
      mix: plan.mix ?? null,
      ...(evalSets && found
        ? {
            decontamination: {
              files: evalSets.files,
              n: evalSets.index.n,
              found: found.ids.size,
              excluded: o.excludeContaminated === true,
              bySplit: plan.decontaminated?.bySplit ?? {},
              examples: found.examples,
            },
          }
        : {}),
      ...tally.summary(),
      checks: await tx.releaseInputs.checkTotals(dataset.id),
      pii: { findings: new Set([...plan.piiFindings.keys(), ...outputFindings]).size, waivers },
      ...(audits ? { audits } : {}),
      settings,
    };
    await tx.releases.finish(releaseId, {
      datasetId: dataset.id,
      recordCount: written,
      releaseHash,
      manifest,
      actor: o.actor,
    });
    const release = await tx.releases.find(dataset.id, version);
    return { release: release!, manifest };
  });
}

const GATED_AUDITS = ['representation', 'factual'];

/**
 * `--require-audit`: each kind's newest audit must be no older than the newest change to the records
 * the release would hold, and pass (a factual audit finished and not rejected by its plan). Checked
 * before anything is written; a failure is exit 2 with each reason.
 */
async function requiredAudits(
  store: Store,
  datasetId: number,
  dataset: string,
  statuses: RecordStatus[],
  kinds: string[] | undefined,
): Promise<ReleaseManifest['audits']> {
  if (!kinds?.length) return undefined;
  for (const k of kinds)
    if (!GATED_AUDITS.includes(k))
      throw usage(`--require-audit: unknown audit kind '${k}'; expected ${GATED_AUDITS.join(', ')}`);
  const since = await store.releaseInputs.newestChange(datasetId, statuses);
  const gate = await auditGate(store, dataset, kinds, since);
  const refused = gate.checks.flatMap((c) => (c.status === 'passed' ? [] : [c.reason]));
  if (refused.length > 0) throw usage(`release refused by --require-audit: ${refused.join('; ')}`);
  return gate.checks.flatMap((c) =>
    c.status === 'passed' ? [{ kind: c.kind, audit: c.audit, at: c.at, summary: c.summary }] : [],
  );
}
