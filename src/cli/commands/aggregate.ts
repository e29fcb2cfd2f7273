import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { cliActor, withStore } from '../context.js';
import { emit } from '../output.js';

export function registerAggregate(program: Command): void {
  program
    .command('aggregate')
    .description(
      'final values from the answers of records nobody decided yet (majority, median, Dawid–Skene …)',
    )
    .requiredOption('--dataset <name>', 'dataset')
    .option('--method <m>', 'label questions: majority | dawid_skene', 'majority')
    .option(
      '--accept-above <confidence>',
      'accept records whose every question reached this confidence without a tie',
    )
    .action(async (o: { dataset: string; method: string; acceptAbove?: string }, cmd: Command) => {
      if (o.method !== 'majority' && o.method !== 'dawid_skene')
        throw usage(`--method must be majority or dawid_skene, got '${o.method}'`);
      const acceptAbove = o.acceptAbove === undefined ? undefined : Number(o.acceptAbove);
      if (acceptAbove !== undefined && !(acceptAbove >= 0 && acceptAbove <= 1))
        throw usage(`--accept-above is a confidence from 0 to 1, got '${o.acceptAbove}'`);
      const { aggregateDataset } = await import('../../stages/quality/aggregate-dataset.js');
      await withStore(cmd, async (store, g) => {
        const r = await aggregateDataset(store, await store.datasets.get(o.dataset), {
          method: o.method as 'majority' | 'dawid_skene',
          ...(acceptAbove !== undefined ? { acceptAbove } : {}),
          actor: cliActor(),
        });
        emit(
          g,
          r,
          () =>
            `Final values (${r.method}) for ${r.records} record${r.records === 1 ? '' : 's'} of '${r.dataset}'; ${r.accepted} accepted, ${r.tied} tied answer${r.tied === 1 ? '' : 's'} left for reviewers.`,
        );
      });
    });
}
