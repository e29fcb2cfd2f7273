import type { Command } from 'commander';
import { cliActor, withStore } from '../context.js';
import { emit } from '../output.js';

/** `tandem report`: the audit report as one self-contained HTML file (docs/audits.md). */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write an audit report: one self-contained HTML file with charts, no network')
    .requiredOption('--dataset <name>', 'dataset')
    .requiredOption('--out <file>', 'the HTML file to write')
    .option('--release <version>', 'report on the records of this release')
    .option('--recipe <file>', 'the recipe whose weights and combination minimums are the targets')
    .action(async (o: { dataset: string; out: string; release?: string; recipe?: string }, cmd: Command) => {
      const { buildReport } = await import('../../stages/audit/index.js');
      await withStore(cmd, async (store, g) => {
        const r = await buildReport(store, o.dataset, {
          out: o.out,
          ...(o.release ? { release: o.release } : {}),
          ...(o.recipe ? { recipeFile: o.recipe } : {}),
          actor: cliActor(),
        });
        emit(
          g,
          { out: o.out, ...r },
          () => `Wrote ${o.out} (${(r.bytes / 1024).toFixed(0)} KiB, ${r.records} records).`,
        );
      });
    });
}
