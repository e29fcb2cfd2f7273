import type { Command } from 'commander';
import { withStore } from '../context.js';
import { emit } from '../output.js';

export function registerSearchIndex(program: Command): void {
  program
    .command('search-index')
    .description(
      'make every imported or edited record searchable through the index now (`serve` and `worker` do it in the background)',
    )
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const started = performance.now();
        const indexed = await store.searchIndex.indexAllPending();
        const seconds = (performance.now() - started) / 1000;
        emit(g, { indexed, seconds }, () =>
          indexed === 0
            ? 'The search index is up to date.'
            : `Indexed ${indexed} records for search in ${seconds.toFixed(1)} s (${Math.round(indexed / seconds)} records/s).`,
        );
      });
    });
}
