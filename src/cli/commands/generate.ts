import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { TandemError, usage } from '../../core/errors.js';
import type { CircuitEvent } from '../../llm/scheduler/circuit-breaker.js';
import type { DryRunResult } from '../../stages/generate/run/dry-run.js';
import type { GenerateProgress, GenerateSummary } from '../../stages/generate/run/run-generation.js';
import { cliActor, globals, withStore } from '../context.js';
import { CommandFailed, emit, note } from '../output.js';
import { money } from './money.js';

export interface GenerateFlags {
  count?: string;
  dataset?: string;
  provider?: string;
  concurrency?: string;
  seed?: string;
  dryRun?: boolean;
  preview?: string;
  batch?: boolean;
  queue?: boolean;
  jobSize?: string;
}

export function positiveInt(flag: string, v: string | undefined, min = 1): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw usage(`${flag} expects a whole number ≥ ${min}, got '${v}'`);
  return n;
}

export function readRecipe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new TandemError(
      'bad_input',
      `cannot read recipe '${file}': ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate rows from a YAML recipe into a dataset; run it again to resume or top up')
    .argument('<recipe>', 'recipe file (YAML)')
    .option('--count <n>', 'rows wanted in total (default: the recipe’s count)')
    .option('--dataset <name>', 'dataset to write (default: the recipe’s)')
    .option('--provider <id>', 'openai:MODEL | anthropic:MODEL | template — for every column')
    .option('--concurrency <k>', 'requests in flight at most (default: the recipe’s limits)')
    .option('--seed <n>', 'seed of the sampler values (default: the recipe’s)')
    .option('--dry-run', 'render the first rows’ prompts and estimate tokens and cost; store nothing')
    .option(
      '--preview <n>',
      'generate the first n rows for real and print them, with their cost; store no records (answers are cached)',
    )
    .option('--batch', 'send the calls through OpenAI’s Batch API (half price, results within 24 h)')
    .option(
      '--queue',
      'put the run on the job queue for `tandem worker` processes instead of running it here',
    )
    .option('--job-size <n>', 'rows per queued job (default 100)')
    .action(async (file: string, o: GenerateFlags, cmd: Command) => {
      const { loadRecipe } = await import('../../stages/generate/recipe/load.js');
      const recipe = loadRecipe(readRecipe(file), file);
      const count = positiveInt('--count', o.count);
      const seed = positiveInt('--seed', o.seed, 0);
      const concurrency = positiveInt('--concurrency', o.concurrency);
      if (o.provider) {
        const { parseProviderId } = await import('../../llm/registry.js');
        parseProviderId(o.provider);
      }
      const g = globals(cmd);

      if (o.preview !== undefined) {
        const rows = positiveInt('--preview', o.preview)!;
        if (o.dryRun || o.batch || o.queue)
          throw usage('--preview cannot be combined with --dry-run, --batch or --queue');
        const { previewRun } = await import('../../stages/generate/run/preview.js');
        const { describePreview } = await import('./generate-preview.js');
        await withStore(cmd, async (store) => {
          const result = await previewRun(store, {
            recipe,
            rows,
            count,
            seed,
            dataset: o.dataset,
            provider: o.provider,
            concurrency,
            onRetry: (e) => note(`retry ${e.attempt} in ${Math.round(e.delayMs)} ms: ${e.error.message}`),
          });
          emit(g, result, () => describePreview(result));
        });
        return;
      }
      if (o.dryRun) {
        const { dryRun } = await import('../../stages/generate/run/dry-run.js');
        const result = await dryRun(recipe, { count, seed, provider: o.provider });
        emit(g, result, () => describeDryRun(result));
        return;
      }
      if (o.queue) {
        const { queueGeneration } = await import('../../stages/generate/run/queue.js');
        await withStore(cmd, async (store) => {
          const queued = await queueGeneration(store, {
            recipeText: readRecipe(file),
            recipeFile: file,
            count,
            seed,
            dataset: o.dataset,
            provider: o.provider,
            concurrency,
            jobSize: positiveInt('--job-size', o.jobSize),
            actor: cliActor(),
          });
          emit(
            g,
            queued,
            () =>
              `Queued run ${queued.runId}: ${queued.jobs} jobs of up to ${queued.jobSize} rows (${queued.rows} rows) into '${queued.dataset}'.\nStart workers with: tandem worker   (TANDEM_DB must name the same store)`,
          );
        });
        return;
      }
      await withStore(cmd, async (store) => {
        const { recipeDataset } = await import('../../stages/generate/run/recipe-dataset.js');
        const target = recipeDataset(recipe, o.dataset).name;
        const existed = (await store.datasets.find(target)) !== undefined;
        // A run that stores nothing must not leave an empty dataset it created behind.
        const dropIfEmpty = async () => {
          if (existed) return;
          const d = await store.datasets.find(target);
          if (d && (await store.records.count(d.id)) === 0) {
            await store.datasets.delete(target, cliActor());
            note(`Removed the empty dataset '${target}' this run had created.`);
          }
        };
        const bar = generationProgress();
        const onRetry = (e: { error: Error; delayMs: number; attempt: number }) =>
          bar.log(`retry ${e.attempt} in ${Math.round(e.delayMs)} ms: ${e.error.message}`);
        const common = {
          recipe,
          count,
          seed,
          dataset: o.dataset,
          provider: o.provider,
          concurrency,
          actor: cliActor(),
        };
        let summary: GenerateSummary;
        try {
          if (o.batch) {
            const { runBatchGeneration } = await import('../../stages/generate/run/batch-run.js');
            summary = await runBatchGeneration(store, { ...common, onProgress: bar.update, log: bar.log });
          } else {
            const { runGeneration } = await import('../../stages/generate/run/run-generation.js');
            summary = await runGeneration(store, {
              ...common,
              onProgress: bar.update,
              onRetry,
              onCircuit: (e) => note(circuitLine(e)),
            });
          }
        } catch (e) {
          bar.stop();
          await dropIfEmpty();
          throw e;
        } finally {
          bar.stop();
        }
        const { diversityOfRun } = await import('../../stages/generate/run/run-diversity.js');
        const diversity = await diversityOfRun(store, recipe, summary);
        const total = diversity.cost;
        emit(g, { ...summary, total, diversity: diversity.summary }, () =>
          [
            ...describeRun(summary),
            `  in all, over every run of this recipe and seed: ${money(total.costUsd)} for the ${fmt(storedRows(summary))} stored rows (${fmt(total.inputTokens)} tokens in, ${fmt(total.outputTokens)} out)`,
            ...diversity.lines.map((l) => `  ${l}`),
          ].join('\n'),
        );
        // Nothing stored is a failed run (a server not listening, a refused key): exit 1.
        if (summary.rows.wanted > 0 && summary.rows.stored + summary.rows.alreadyStored === 0) {
          await dropIfEmpty();
          throw new CommandFailed(1);
        }
      });
    });
}

function circuitLine(e: CircuitEvent): string {
  switch (e.state) {
    case 'open':
      return `${e.providerId}: ${e.failures} connection failures in a row (${e.cause}) — pausing and probing; stopping if still unreachable after ${Math.round(e.maxWaitMs / 1000)} s`;
    case 'closed':
      return `${e.providerId}: reachable again after ${(e.downMs / 1000).toFixed(1)} s — resuming`;
    case 'broken':
      return e.error.message;
  }
}

/**
 * Progress without a terminal (CI logs, `2> file`): a plain line at most every 10 s, and retry
 * lines at most one every 10 s with a count of those left out, so a burst of 429s is one line.
 */
export function plainProgress(write: (line: string) => void, now: () => number = Date.now) {
  const t0 = now();
  let lastLine = t0;
  let lastLog = 0;
  let skipped = 0;
  return {
    update(p: GenerateProgress) {
      const t = now();
      if (t - lastLine < 10_000) return;
      lastLine = t;
      const rate = formatRate(p.done / Math.max((t - t0) / 1000, 0.001));
      const cost = p.costUsd === undefined ? 'cost unknown' : `$${p.costUsd.toFixed(4)}`;
      write(
        `generate: ${fmt(p.done)}/${fmt(p.total)} rows, ${rate}, ${fmt(p.inputTokens + p.outputTokens)} tokens, ${cost}`,
      );
    },
    stop() {},
    log(m: string) {
      const t = now();
      if (t - lastLog < 10_000) {
        skipped++;
        return;
      }
      lastLog = t;
      write(skipped ? `${m} (and ${skipped} more retries)` : m);
      skipped = 0;
    },
  };
}

function generationProgress() {
  if (!process.stderr.isTTY) return plainProgress(note);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'generate [{bar}] {value}/{total} | {rate} | ETA {eta_formatted} | {tokens} tokens | {cost}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = Date.now();
  let lastLog = 0;
  return {
    update(p: GenerateProgress) {
      const payload = {
        rate: formatRate(p.done / Math.max((Date.now() - t0) / 1000, 0.001)),
        tokens: (p.inputTokens + p.outputTokens).toLocaleString('en-US'),
        cost: p.costUsd === undefined ? 'cost unknown' : `$${p.costUsd.toFixed(4)}`,
      };
      if (!started) {
        bar.start(p.total, p.done, payload);
        started = true;
      } else bar.update(p.done, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
    log(m: string) {
      // Retries can come in bursts: one line a second is enough to show what is happening.
      if (Date.now() - lastLog < 1000) return;
      lastLog = Date.now();
      process.stderr.write(`\n${m}\n`);
    },
  };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const storedRows = (s: GenerateSummary) => s.rows.alreadyStored + s.rows.stored;

/** A rate with a unit that keeps it readable: a slow local model must not show "0.0 rows/s". */
export function formatRate(rowsPerSecond: number): string {
  if (rowsPerSecond >= 0.1 || rowsPerSecond === 0) return `${rowsPerSecond.toFixed(1)} rows/s`;
  const perMinute = rowsPerSecond * 60;
  if (perMinute >= 0.1) return `${perMinute.toFixed(1)} rows/min`;
  return `${(perMinute * 60).toFixed(2)} rows/h`;
}

export function describeRun(s: GenerateSummary): string[] {
  const r = s.rows;
  const lines = [
    `Generated ${fmt(r.generated)} rows into '${s.dataset}' with ${s.provider} (recipe ${s.recipe}, seed ${s.seed}): ${fmt(r.alreadyStored + r.stored)} of ${fmt(r.wanted)} rows stored` +
      (r.alreadyStored ? ` (${fmt(r.alreadyStored)} were there already)` : ''),
  ];
  if (r.flagged) lines.push(`  ${fmt(r.flagged)} flagged (by validators or cut at max_tokens)`);
  for (const v of s.validators)
    lines.push(
      `    ${fmt(v.rows)} ${v.action === 'drop' ? 'dropped' : 'flagged'} by validator ${v.validator}: ${v.message}`,
    );
  if (r.truncated)
    lines.push(
      `  ${fmt(r.truncated)} with an answer cut at max_tokens (finish reason "length"): raise max_tokens, or set truncated: fail`,
    );
  if (r.dropped)
    lines.push(`  ${fmt(r.dropped)} dropped by validators (each in the event log as generation.row_dropped)`);
  if (r.failed) {
    lines.push(`  ${fmt(r.failed)} failed:`);
    for (const f of s.failures.slice(0, 5)) lines.push(`    row ${f.row} (${f.column}): ${f.reason}`);
    if (r.failed > 5)
      lines.push(`    … ${fmt(r.failed - 5)} more, each in the event log as generation.row_failed`);
  }
  lines.push(
    `  calls: ${fmt(s.calls.sent)} sent, ${fmt(s.calls.cacheHits)} from the cache, ${fmt(s.calls.retries)} retries · tokens: ${fmt(s.tokens.input)} in, ${fmt(s.tokens.output)} out · cost: ${money(s.costUsd)}`,
    `  ${(s.elapsedMs / 1000).toFixed(1)} s, ${formatRate(s.rowsPerSecond)}`,
  );
  return lines;
}

function describeDryRun(d: DryRunResult): string {
  const lines: string[] = [
    `Dry run of recipe ${d.recipe} for ${fmt(d.count)} rows — nothing sent, nothing stored.`,
    '',
  ];
  for (const row of d.rows) {
    lines.push(`── row ${row.row} ── ${JSON.stringify(row.samplerValues)}`);
    for (const c of row.calls) {
      lines.push(
        `  [${c.column} · ${c.purpose} · ${c.provider}] ~${c.estimatedInputTokens} tokens in, ~${c.estimatedOutputTokens} out`,
      );
      for (const m of c.messages) lines.push(`    ${m.role}: ${m.content.replace(/\n/g, '\n      ')}`);
    }
    lines.push('');
  }
  lines.push('Estimate for the whole run:');
  for (const e of d.estimates)
    lines.push(
      `  ${e.provider}: ${fmt(e.calls)} calls, ~${fmt(e.inputTokens)} tokens in, ~${fmt(e.outputTokens)} out, ${money(e.costUsd)}`,
    );
  lines.push(`  total: ${money(d.totalCostUsd)}`);
  for (const a of d.assumptions) lines.push(`  (${a})`);
  return lines.join('\n');
}
