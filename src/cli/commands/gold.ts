import type { Command } from 'commander';
import { cliActor, withStore } from '../context.js';
import { emit } from '../output.js';

export function registerGold(program: Command): void {
  program
    .command('gold')
    .description("mark records as gold (known answers), mixed into annotators' queues to measure them")
    .argument('<file>', 'JSONL: {"id": EXTERNAL_ID, "values": {QUESTION: ANSWER}} per line')
    .requiredOption('--dataset <name>', 'dataset the records are in')
    .action(async (file: string, o: { dataset: string }, cmd: Command) => {
      const { importGold } = await import('../../stages/quality/import-gold.js');
      await withStore(cmd, async (store, g) => {
        const r = await importGold(store, { file, dataset: o.dataset, actor: cliActor() });
        emit(
          g,
          r,
          () =>
            `Marked ${r.gold} gold record${r.gold === 1 ? '' : 's'} in '${r.dataset}'. Set quality.gold.rate in the settings to mix them into queues.`,
        );
      });
    });
}
