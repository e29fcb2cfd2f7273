import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import type { RepresentationResults } from '../../stages/audit/index.js';
import type { StoredAudit } from '../../store/audits.js';
import { cliActor, withStore } from '../context.js';
import { emit, note } from '../output.js';
import { describeAudit, describeDrift, describeRepresentation } from './audit-describe.js';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const positiveInt = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw usage(`${flag} must be a positive integer, got '${v}'`);
  return n;
};

/** The audits that read a dataset from the store: `tandem audit representation|list|show …`. */
export function registerAuditRuns(audit: Command): void {
  audit
    .command('representation')
    .description('who and what a dataset represents: shares per dimension, coverage gaps, rates per group')
    .requiredOption('--dataset <name>', 'dataset')
    .option(
      '--by <dims>',
      'dimensions, comma-separated: language, detected_language, origin, status, sampler columns, metadata keys',
      list,
    )
    .option(
      '--min-cell <k>',
      'cross-tab cells with fewer records are under-covered',
      positiveInt('--min-cell'),
      10,
    )
    .option('--release <version>', 'audit the records of this release (link the audit to it)')
    .option('--recipe <file>', 'the recipe whose sampler weights and combination minimums are the targets')
    .option('--no-descriptors', 'skip the demographic descriptors (identity terms)')
    .option('--lexicon <file>', 'identity-term lexicon (TSV: axis, term, language, source)')
    .option(
      '--min-count <n>',
      'co-occurrences a word needs for its nPMI to be reported',
      positiveInt('--min-count'),
      5,
    )
    .action(
      async (
        o: {
          dataset: string;
          by?: string[];
          minCell: number;
          release?: string;
          recipe?: string;
          descriptors: boolean;
          lexicon?: string;
          minCount: number;
        },
        cmd: Command,
      ) => {
        const { representationAudit } = await import('../../stages/audit/index.js');
        await withStore(cmd, async (store, g) => {
          const r = await representationAudit(store, o.dataset, {
            ...(o.by ? { by: o.by } : {}),
            minCell: o.minCell,
            ...(o.release ? { release: o.release } : {}),
            ...(o.recipe ? { recipeFile: o.recipe } : {}),
            descriptors: o.descriptors
              ? { ...(o.lexicon ? { lexicon: o.lexicon } : {}), minCount: o.minCount }
              : false,
            actor: cliActor(),
          });
          for (const n of r.notes) note(n);
          emit(g, { audit: r.audit?.id ?? null, ...r.results }, () =>
            [`Audit ${r.audit?.id} stored.`, describeRepresentation(r.results)].join('\n'),
          );
        });
      },
    );

  audit
    .command('factual')
    .description(
      'draw a seeded stratified sample into an audit queue; auditors mark records correct/incorrect/unsure',
    )
    .requiredOption('--dataset <name>', 'dataset')
    .option(
      '--sample <n>',
      "records to sample (default with --plan-aql: the plan's sample size)",
      positiveInt('--sample'),
    )
    .option('--strata <dims>', 'stratify by these dimensions, comma-separated (e.g. language,intent)', list)
    .option('--seed <s>', 'random seed (the sample is recorded with it)', (v) => Number.parseInt(v, 10), 1)
    .option(
      '--plan-aql <aql>',
      'judge the sample by the ISO 2859-1 single sampling plan at this AQL (%)',
      Number,
    )
    .option('--plan-level <level>', 'inspection level of the plan', 'II')
    .option('--release <version>', 'sample the records of this release (link the audit to it)')
    .action(
      async (
        o: {
          dataset: string;
          sample?: number;
          strata?: string[];
          seed: number;
          planAql?: number;
          planLevel: string;
          release?: string;
        },
        cmd: Command,
      ) => {
        const { startFactualAudit } = await import('../../stages/audit/index.js');
        await withStore(cmd, async (store, g) => {
          const r = await startFactualAudit(store, o.dataset, {
            ...(o.sample !== undefined ? { sample: o.sample } : {}),
            ...(o.strata ? { strata: o.strata } : {}),
            seed: o.seed,
            ...(o.planAql !== undefined ? { planAql: o.planAql, planLevel: o.planLevel as 'II' } : {}),
            ...(o.release ? { release: o.release } : {}),
            actor: cliActor(),
          });
          for (const n of r.notes) note(n);
          const n = r.sample.strata.reduce((t, s) => t + s.n, 0);
          emit(g, { audit: r.audit.id, ...r.sample }, () =>
            [
              `Factual audit ${r.audit.id}: ${n} of ${r.sample.population} records sampled (seed ${r.sample.seed}), waiting for auditors in the app (Audits) or \`tandem audit verdict\`.`,
              ...r.sample.strata.map((s) => `  ${s.key.padEnd(40)} ${String(s.n).padStart(6)} of ${s.size}`),
              ...(r.sample.plan
                ? [
                    `ISO 2859-1 plan: code letter ${r.sample.plan.codeLetter}, n ${r.sample.plan.sampleSize}, Ac ${r.sample.plan.accept}, Re ${r.sample.plan.reject} (AQL ${r.sample.plan.aql}, level ${r.sample.plan.level}, normal inspection)`,
                  ]
                : []),
            ].join('\n'),
          );
        });
      },
    );

  audit
    .command('verdict')
    .description("an auditor's verdict on a record of a factual audit's sample")
    .argument('<audit>', 'audit id', positiveInt('<audit>'))
    .argument('<record>', 'record id', positiveInt('<record>'))
    .requiredOption('--verdict <v>', 'correct | incorrect | unsure')
    .option('--note <text>', 'why')
    .option(
      '--claim <text>',
      'a wrong claim in the record (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .action(
      async (
        auditId: number,
        recordId: number,
        o: { verdict: string; note?: string; claim: string[] },
        cmd: Command,
      ) => {
        const { recordVerdict } = await import('../../stages/audit/index.js');
        await withStore(cmd, async (store, g) => {
          const r = await recordVerdict(
            store,
            auditId,
            recordId,
            { verdict: o.verdict as 'correct', note: o.note ?? null, wrongClaims: o.claim },
            cliActor(),
          );
          emit(
            g,
            r,
            () =>
              `Record ${recordId}: ${r.item.verdict}. ${r.results.pending} records still without a verdict.`,
          );
        });
      },
    );

  audit
    .command('drift')
    .description(
      'how a dataset changed between two releases (or a release and now): JS distance per dimension, new and vanished values, rate changes',
    )
    .requiredOption('--dataset <name>', 'dataset')
    .requiredOption('--from <version>', 'the earlier release')
    .option('--to <version>', 'the later release (default: the dataset as it is now)')
    .action(async (o: { dataset: string; from: string; to?: string }, cmd: Command) => {
      const { driftAudit } = await import('../../stages/audit/index.js');
      await withStore(cmd, async (store, g) => {
        const r = await driftAudit(store, o.dataset, {
          from: o.from,
          ...(o.to ? { to: o.to } : {}),
          actor: cliActor(),
        });
        emit(
          g,
          { audit: r.audit.id, ...r.results },
          () => `Audit ${r.audit.id} stored.\n${describeDrift(r.results)}`,
        );
      });
    });

  audit
    .command('list')
    .description("a dataset's audits, newest first")
    .option('--dataset <name>', 'dataset (default: every dataset)')
    .option('--kind <kinds>', 'only these kinds, comma-separated', list)
    .action(async (o: { dataset?: string; kind?: string[] }, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const dataset = o.dataset ? await store.datasets.get(o.dataset) : undefined;
        const audits = await store.audits.list({
          ...(dataset ? { datasetId: dataset.id } : {}),
          ...(o.kind ? { kinds: o.kind } : {}),
        });
        const rows = audits.map(summary);
        emit(g, rows, () =>
          rows.length === 0
            ? 'No audits yet.'
            : rows
                .map(
                  (a) =>
                    `${String(a.id).padStart(5)}  ${a.kind.padEnd(15)} ${a.status.padEnd(5)} ${(a.release ?? '–').padEnd(10)} ${a.createdAt}  ${a.createdBy}`,
                )
                .join('\n'),
        );
      });
    });

  audit
    .command('show')
    .description('one audit: its parameters and results')
    .argument('<id>', 'audit id', positiveInt('<id>'))
    .action(async (id: number, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        let a = await store.audits.get(id);
        if (a.kind === 'factual') {
          // Verdicts may have come in since: the estimate shown is always from all of them.
          const { refreshFactual } = await import('../../stages/audit/index.js');
          await refreshFactual(store, id);
          a = await store.audits.get(id);
        }
        const items = a.kind === 'factual' ? await store.audits.items(id) : undefined;
        emit(
          g,
          {
            ...summary(a),
            params: a.params,
            sample: a.sample,
            results: a.results,
            ...(items ? { items } : {}),
          },
          () => describeAudit(a),
        );
      });
    });
}

function summary(a: StoredAudit) {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    release: a.releaseVersion,
    createdBy: a.createdBy,
    createdAt: new Date(a.createdAt).toISOString(),
  };
}

export type { RepresentationResults };
