import type { Command } from 'commander';
import { withStore } from '../context.js';
import { CommandFailed, emit, note } from '../output.js';
import { positiveInt } from './generate.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('claim queued jobs (`generate --queue`, `check --queue`) and do them')
    .option('--concurrency <k>', 'requests in flight at most per job (default: the recipe’s limits)')
    .option('--follow', 'keep waiting for new jobs instead of stopping when the queue is empty')
    .option('--id <name>', 'worker name in the job table (default: host:pid)')
    .option('--run <id>', 'claim only the jobs of this run')
    .action(
      async (o: { concurrency?: string; follow?: boolean; id?: string; run?: string }, cmd: Command) => {
        const { runWorker } = await import('../../stages/generate/run/worker.js');
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const { startSearchIndexer } = await import('../../store/search-indexer.js');
        const { CHECK_SHARD_JOB, runCheckShard } = await import('../../stages/checks/sharded/shard.js');
        await withStore(cmd, async (store, g) => {
          // Workers share the search index's backlog with the servers (SKIP LOCKED on PostgreSQL).
          const indexer = startSearchIndexer(store, { onError: (e) => note(`search indexing failed: ${e}`) });
          const report = await runWorker(store, {
            concurrency: positiveInt('--concurrency', o.concurrency),
            follow: Boolean(o.follow),
            ...(o.id ? { id: o.id } : {}),
            signal: controller.signal,
            log: note,
            ...(o.run ? { runId: o.run } : {}),
            handlers: {
              [CHECK_SHARD_JOB]: async (job) => {
                const p = job.payload as import('../../stages/checks/sharded/shard.js').CheckShardPayload;
                const result = await runCheckShard(store, p);
                return { result, line: `check shard ${p.shard} of ${p.runId}: ${result.records} records` };
              },
            },
          }).finally(() => indexer.stop());
          emit(
            g,
            report,
            () =>
              `Worker ${report.worker}: ${report.jobs} jobs done, ${report.rowsStored} rows stored, ${report.failedJobs} jobs failed or returned to the queue` +
              (report.stoppedBy
                ? `\nStopped: ${report.stoppedBy}\n${report.requeuedJobs} job(s) returned to the queue for another worker or a later run`
                : ''),
          );
          // The model server was unreachable: the jobs are safe in the queue, but this worker did not finish.
          if (report.stoppedBy) throw new CommandFailed(1);
        });
      },
    );
}
