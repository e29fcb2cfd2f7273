import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { importFile } from '../../stages/import/import-file.js';
import { cliActor, withStore } from '../context.js';
import { emit, progress } from '../output.js';
import { checkDatasetName, describeSettings, readSettingsFile } from './datasets.js';

export function parseMaps(maps: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of maps) {
    const eq = m.indexOf('=');
    if (eq <= 0 || eq === m.length - 1) throw usage(`--map expects FIELD=COLUMN, got '${m}'`);
    out.set(m.slice(0, eq), m.slice(eq + 1));
  }
  return out;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import a JSONL, JSON, CSV or Parquet file into a dataset (created when missing)')
    .argument('<file>', 'data file')
    .requiredOption('--dataset <name>', 'dataset to import into')
    .option('--format <format>', 'jsonl | json | csv | parquet (default: from the file extension)')
    .option('--map <field=column>', 'read FIELD from COLUMN (repeatable)', collect, [])
    .option('--id <column>', 'column holding the external id (default: id)')
    .option(
      '--metadata <column>',
      'keep COLUMN as metadata, not a text field, in a new dataset (repeatable)',
      collect,
      [],
    )
    .option('--settings <file>', 'settings for a new dataset (default: inferred from the data)')
    .option('--skip-invalid', 'import the valid rows and write a report of the rejected ones')
    .option('--report <file>', 'where --skip-invalid writes rejected rows (default: ./FILE.rejected.jsonl)')
    .action(
      async (
        file: string,
        o: {
          dataset: string;
          format?: string;
          map: string[];
          id?: string;
          metadata: string[];
          settings?: string;
          skipInvalid?: boolean;
          report?: string;
        },
        cmd: Command,
      ) => {
        checkDatasetName(o.dataset);
        const map = parseMaps(o.map);
        const settings = o.settings ? await readSettingsFile(o.settings) : undefined;
        await withStore(cmd, async (store, g) => {
          const bar = progress(`import ${file}`);
          const summary = await importFile(store, {
            file,
            dataset: o.dataset,
            ...(o.format ? { format: o.format } : {}),
            ...(map.size ? { map } : {}),
            ...(o.id ? { idColumn: o.id } : {}),
            ...(o.metadata.length ? { metadata: o.metadata } : {}),
            ...(settings ? { settings } : {}),
            skipInvalid: Boolean(o.skipInvalid),
            ...(o.report ? { reportPath: o.report } : {}),
            actor: cliActor(),
            onProgress: (n) => bar.update(n),
          }).finally(() => bar.stop());
          emit(g, summary, () => {
            const lines: string[] = [];
            if (summary.created && summary.settings) {
              lines.push(
                `Created dataset '${summary.dataset}' (${o.settings ? `settings from ${o.settings}` : 'fields inferred from the data'}):`,
              );
              lines.push(describeSettings(summary.settings));
            }
            lines.push(
              `Imported ${summary.inserted} of ${summary.rows} rows from ${file} into '${summary.dataset}'` +
                (summary.existing ? ` (${summary.existing} already present)` : '') +
                (summary.rejected ? `; rejected ${summary.rejected}, see ${summary.report}` : '') +
                '.',
            );
            return lines.join('\n');
          });
        });
      },
    );
}
