import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import {
  createRelease,
  diffReleases,
  exportRelease,
  parseMix,
  parseRef,
  parseSplits,
  parseWaivers,
  type ReleaseManifest,
  releasesOf,
  resolveRelease,
} from '../../stages/release/index.js';
import type { StoredRelease } from '../../store/releases.js';
import { cliActor, withStore } from '../context.js';
import { emit, progress } from '../output.js';
import { parseStatuses } from './export.js';
import { describeDiff } from './release-diff-text.js';
import { registerReleasePush } from './release-push.js';

const collect = (v: string, prev: string[]) => [...prev, v];

/** "SUPERSEDED (erasure), superseded by 1.2.1": what replaced a release an erasure emptied. */
function supersededText(s: { reason: string | null; by: string | null }): string {
  return `SUPERSEDED (${s.reason ?? 'erasure'})${s.by ? `, superseded by ${s.by}` : '; no new version yet'}`;
}

/** A release's superseded state in --json output: when, why, and the version that replaces it. */
function supersededJson(r: StoredRelease) {
  const s = r.superseded;
  return s ? { at: new Date(s.at).toISOString(), reason: s.reason, by: s.byVersion } : null;
}

function describeManifest(m: ReleaseManifest, superseded: StoredRelease['superseded'] = null): string {
  const lines = [
    `${m.dataset}@${m.version}: ${m.records} records, made by ${m.createdBy} at ${m.createdAt}`,
    `  hash:    ${m.releaseHash}`,
    `  splits:  ${m.splits.map((s) => `${s.name} ${s.records} (target ${(s.ratio * 100).toFixed(1)}%)`).join(', ')}`,
  ];
  if (m.base) lines.push(`  base:    ${m.base}`);
  if (m.stratifyBy.length) lines.push(`  strata:  ${m.strata.length} by ${m.stratifyBy.join(', ')}`);
  lines.push(
    `  leakage: ${m.leakage.crossSplitPairs} near-duplicate/parent pairs across splits; ${m.leakage.groups} groups (${m.leakage.groupedRecords} records in groups of 2+)`,
  );
  if (m.mix) {
    lines.push(
      `  mix:     kept synthetic ${m.mix.kept.synthetic}, human ${m.mix.kept.human}; dropped ${m.mix.dropped}${m.mix.by ? ` (met per ${m.mix.by.join(' × ')})` : ''}`,
    );
    for (const st of m.mix.strata ?? [])
      lines.push(
        `           ${st.stratum}: kept synthetic ${st.kept.synthetic}, human ${st.kept.human}; dropped ${st.dropped}`,
      );
  }
  if (m.decontamination) {
    const d = m.decontamination;
    const where = Object.entries(d.bySplit).map(([k, v]) => `${k} ${v}`);
    lines.push(
      `  decontamination: ${d.found} record(s) share a ${d.n}-gram with ${d.files.map((f) => f.path).join(', ')}${d.excluded ? ', left out' : where.length ? ` (${where.join(', ')})` : ''}`,
    );
  }
  if (m.pii.waivers.length)
    lines.push(`  PII waivers: ${m.pii.waivers.map((w) => `${w.finding} (${w.reason})`).join('; ')}`);
  if (m.notes) lines.push(`  notes:   ${m.notes}`);
  if (superseded)
    lines.push(`  status:  ${supersededText({ reason: superseded.reason, by: superseded.byVersion })}`);
  return lines.join('\n');
}

export function registerRelease(program: Command): void {
  const release = program.command('release').description('immutable, versioned releases of a dataset');

  release
    .command('create')
    .description('freeze records as a new version (one transaction: all or nothing)')
    .requiredOption('--dataset <name>', 'dataset to release')
    .option(
      '--release-version <semver>',
      'written --version: e.g. 1.2.0 (default with --since: the next minor)',
    )
    .option('--since <ref>', 'cut from DATASET@VERSION: keep its splits and options')
    .option(
      '--status <list>',
      'only records in these statuses, comma-separated (default: all but rejected, retired, erased)',
    )
    .option('--notes <text>', 'release notes')
    .option('--splits <spec>', 'e.g. train=0.8,validation=0.1,test=0.1 (default: train=1)')
    .option(
      '--stratify-by <fields>',
      'keep split proportions per value of these fields (language, origin, metadata)',
    )
    .option('--mix <spec>', 'provenance shares, e.g. synthetic=0.7,human=0.3')
    .option('--mix-by <fields>', 'meet --mix within each value of these fields (e.g. language)')
    .option(
      '--decontaminate <file>',
      'evaluation set (JSONL {"id","text"}) to scan the records against (repeatable)',
      collect,
      [],
    )
    .option('--exclude-contaminated', 'leave out the records found in a --decontaminate set')
    .option('--waive <finding=reason>', 'waive one PII finding (repeatable)', collect, [])
    .option(
      '--require-audit <kinds>',
      'refuse unless these audits (representation,factual) passed after the records last changed',
    )
    .action(
      async (
        o: {
          dataset: string;
          releaseVersion?: string;
          since?: string;
          status?: string;
          notes?: string;
          splits?: string;
          stratifyBy?: string;
          mix?: string;
          mixBy?: string;
          decontaminate: string[];
          excludeContaminated?: boolean;
          waive: string[];
          requireAudit?: string;
        },
        cmd: Command,
      ) => {
        const statuses = parseStatuses(o.status);
        const splits = o.splits ? parseSplits(o.splits) : undefined;
        const mix = o.mix ? parseMix(o.mix) : undefined;
        const waivers = parseWaivers(o.waive);
        const since = o.since ? parseRef(o.since, '--since') : undefined;
        if (since && since.dataset !== o.dataset)
          throw usage(`--since names dataset '${since.dataset}', but --dataset is '${o.dataset}'`);
        const fields = (v: string | undefined) =>
          v
            ?.split(',')
            .map((s) => s.trim())
            .filter(Boolean);
        const stratifyBy = fields(o.stratifyBy);
        const mixBy = fields(o.mixBy);
        await withStore(cmd, async (store, g) => {
          const bar = progress('release');
          const r = await createRelease(store, {
            dataset: o.dataset,
            version: o.releaseVersion,
            since: since?.version,
            statuses,
            notes: o.notes,
            requireAudits: o.requireAudit
              ?.split(',')
              .map((k) => k.trim())
              .filter(Boolean),
            splits,
            stratifyBy,
            mix,
            mixBy,
            decontaminate: o.decontaminate,
            excludeContaminated: o.excludeContaminated,
            waivers,
            actor: cliActor(),
            onProgress: (_s, n) => bar.update(n),
          }).finally(() => bar.stop());
          emit(g, r.manifest, () => `Released ${describeManifest(r.manifest)}`);
        });
      },
    );

  release
    .command('list')
    .description("a dataset's releases, oldest version first")
    .requiredOption('--dataset <name>', 'dataset')
    .action(async (o: { dataset: string }, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const all = await releasesOf(store, o.dataset);
        const rows = all.map((r) => {
          const m = r.manifest as ReleaseManifest;
          return {
            version: r.version,
            records: r.recordCount,
            splits: Object.fromEntries(m.splits.map((s) => [s.name, s.records])),
            releaseHash: r.releaseHash,
            createdBy: r.createdBy,
            createdAt: new Date(r.createdAt).toISOString(),
            notes: r.notes,
            superseded: supersededJson(r),
          };
        });
        emit(g, rows, () =>
          rows.length
            ? rows
                .map(
                  (r) =>
                    `${r.version.padEnd(10)} ${String(r.records).padStart(9)} records  ${Object.entries(
                      r.splits,
                    )
                      .map(([k, v]) => `${k}=${v}`)
                      .join(' ')}  ${r.createdAt}  ${r.createdBy}${r.notes ? `  ${r.notes}` : ''}${
                      r.superseded ? `  ${supersededText(r.superseded)}` : ''
                    }`,
                )
                .join('\n')
            : `No releases of '${o.dataset}' yet.`,
        );
      });
    });

  release
    .command('show')
    .description("a release's manifest")
    .argument('<ref>', 'DATASET@VERSION')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const { manifest, release: r } = await resolveRelease(store, ref);
        emit(g, { ...manifest, superseded: supersededJson(r) }, () =>
          describeManifest(manifest, r.superseded),
        );
      });
    });

  release
    .command('export')
    .description('write a release as one file per split and a README.md dataset card')
    .argument('<ref>', 'DATASET@VERSION')
    .requiredOption('--out <dir>', 'output folder')
    .option(
      '--format <format>',
      'jsonl | parquet | openai | sharegpt | alpaca | trl-sft | trl-preference',
      'jsonl',
    )
    .option('--field <name>', 'the chat field training formats read, when there are several')
    .option('--license <id>', "the card's license (a Hub license id, e.g. cc-by-4.0)")
    .action(
      async (
        ref: string,
        o: { out: string; format: string; field?: string; license?: string },
        cmd: Command,
      ) => {
        await withStore(cmd, async (store, g) => {
          const bar = progress(`export ${ref}`);
          const r = await exportRelease(store, {
            ref,
            out: o.out,
            format: o.format,
            field: o.field,
            license: o.license,
            onProgress: (n) => bar.update(n),
          }).finally(() => bar.stop());
          emit(g, r, () =>
            [
              `Exported ${r.dataset}@${r.version} as ${r.format} to ${r.out}:`,
              ...r.files.map(
                (f) =>
                  `  ${f.path}: ${f.records} records${f.skipped ? ` (${f.skipped} skipped)` : ''}, ${f.bytes} bytes`,
              ),
              `  ${r.card}: dataset card`,
            ].join('\n'),
          );
        });
      },
    );

  release
    .command('diff')
    .description('what changed between two releases: added, removed, modified, relabelled, moved')
    .argument('<from>', 'DATASET@VERSION')
    .argument('<to>', 'DATASET@VERSION')
    .option('--limit <n>', 'list at most N changed records (0: all)', '1000')
    .action(async (from: string, to: string, o: { limit: string }, cmd: Command) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 0)
        throw usage(`--limit: '${o.limit}' is not a whole number ≥ 0`);
      await withStore(cmd, async (store, g) => {
        const d = await diffReleases(store, from, to, { limit });
        emit(g, d, () => describeDiff(d));
      });
    });

  registerReleasePush(release);
}
