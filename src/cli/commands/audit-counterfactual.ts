import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { cliActor, withStore } from '../context.js';
import { emit } from '../output.js';
import { describeCounterfactual } from './audit-describe.js';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** `tandem audit counterfactual`: does the dataset's LLM judge score one group differently? */
export function registerAuditCounterfactual(audit: Command): void {
  audit
    .command('counterfactual')
    .description(
      "swap names, pronouns or group terms in a sample and re-run the dataset's LLM judge: mean score shift per swap",
    )
    .requiredOption('--dataset <name>', 'dataset (its checks.judge settings are the judge)')
    .option(
      '--sample <n>',
      'records to probe, among those a swap changes',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 2) throw usage(`--sample must be a whole number ≥ 2, got '${v}'`);
        return n;
      },
      100,
    )
    .option('--swaps <types>', 'swap types, comma-separated: names, pronouns, groups (default all)', list)
    .option('--seed <s>', 'random seed of the sample and the bootstrap', (v) => Number.parseInt(v, 10), 1)
    .option('--provider <id>', "another provider than the judge settings' (same rubric)")
    .option('--swap-list <file>', 'paired swap list (TSV: type, language, x, y, source)')
    .action(
      async (
        o: {
          dataset: string;
          sample: number;
          swaps?: string[];
          seed: number;
          provider?: string;
          swapList?: string;
        },
        cmd: Command,
      ) => {
        const { counterfactualAudit } = await import('../../stages/audit/index.js');
        await withStore(cmd, async (store, g) => {
          const r = await counterfactualAudit(store, o.dataset, {
            sample: o.sample,
            ...(o.swaps ? { swaps: o.swaps as never } : {}),
            seed: o.seed,
            ...(o.provider ? { provider: o.provider } : {}),
            ...(o.swapList ? { swapList: o.swapList } : {}),
            actor: cliActor(),
          });
          emit(g, { audit: r.audit?.id ?? null, ...r.results }, () =>
            [`Audit ${r.audit?.id} stored.`, describeCounterfactual(r.results)].join('\n'),
          );
        });
      },
    );
}
