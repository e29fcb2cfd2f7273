import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { type RecordStatus, recordStatus } from '../../core/record.js';
import { EXPORT_FORMATS, exportDataset } from '../../stages/release/export/export-dataset.js';
import { withStore } from '../context.js';
import { emit, note, progress } from '../output.js';

export function parseStatuses(s: string | undefined): RecordStatus[] {
  if (!s) return [];
  return s.split(',').map((x) => {
    const r = recordStatus.safeParse(x.trim());
    if (!r.success) throw usage(`unknown status '${x}'; expected ${recordStatus.options.join(', ')}`);
    return r.data;
  });
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a dataset as JSONL or a training format')
    .requiredOption('--dataset <name>', 'dataset to export')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '))
    .option(
      '--status <list>',
      'only records in these statuses, comma-separated, or all (default: accepted for training formats, all for jsonl and parquet)',
    )
    .option('--out <file>', 'output file (default: stdout; parquet needs a file)')
    .option('--field <name>', 'the chat field training formats read, when there are several')
    .action(
      async (
        o: { dataset: string; format: string; status?: string; out?: string; field?: string },
        cmd: Command,
      ) => {
        const status = o.status?.trim() === 'all' ? 'all' : o.status ? parseStatuses(o.status) : undefined;
        await withStore(cmd, async (store, g) => {
          const bar = progress(`export ${o.format}`);
          const s = await exportDataset(store, {
            dataset: o.dataset,
            format: o.format,
            ...(status ? { status } : {}),
            ...(o.out ? { out: o.out } : {}),
            ...(o.field ? { field: o.field } : {}),
            onProgress: (n, t) => bar.update(n, t),
          }).finally(() => bar.stop());
          const human = () =>
            [
              `Exported ${s.written} records of '${s.dataset}' as ${s.format} to ${s.out === '-' ? 'stdout' : s.out}${
                s.statuses === 'all' ? '' : ` (status ${s.statuses.join(', ')})`
              }.`,
              ...leftOutLines(s.leftOut),
              ...(s.skipped
                ? [
                    `Skipped ${s.skipped}:`,
                    ...s.skipReasons.slice(0, 5).map((r) => `  ${r.count} × ${r.reason}`),
                  ]
                : []),
            ].join('\n');
          // With data on stdout, the summary must not mix into it.
          if (s.out === '-' && !g.json) note(human());
          else emit(g, s, human);
        });
      },
    );
}

/** What a status filter left out, so a training file's size is no surprise. */
function leftOutLines(leftOut: Partial<Record<RecordStatus, number>>): string[] {
  const entries = Object.entries(leftOut);
  if (entries.length === 0) return [];
  const n = entries.reduce((a, [, c]) => a + (c ?? 0), 0);
  return [
    `Left out ${n} records in other statuses (${entries.map(([k, c]) => `${k} ${c}`).join(', ')}); --status all exports them too.`,
  ];
}
