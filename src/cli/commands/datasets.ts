import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { badInput } from '../../core/errors.js';
import { DATASET_NAME } from '../../core/name-rules.js';
import type { DatasetSettings } from '../../core/settings.js';
import { totalOf } from '../../store/datasets.js';
import { cliActor, withStore } from '../context.js';
import { emit } from '../output.js';

export async function readSettingsFile(file: string): Promise<DatasetSettings> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw badInput(
      `cannot read settings file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      { file },
    );
  }
  // The YAML parser loads only for commands that read a settings file, not for `datasets list`.
  const { parseSettings } = await import('../../core/settings-file.js');
  return parseSettings(text, file);
}

export function checkDatasetName(name: string): string {
  if (!DATASET_NAME.pattern.test(name))
    throw badInput(`invalid dataset name '${name}': ${DATASET_NAME.message}`);
  return name;
}

export function describeSettings(s: DatasetSettings): string {
  const lines = [
    `  fields:    ${s.fields.map((f) => `${f.name} (${f.type}${f.required ? '' : ', optional'})`).join(', ')}`,
    `  questions: ${s.questions.length ? s.questions.map((q) => `${q.name} (${q.type})`).join(', ') : '(none yet)'}`,
  ];
  if (s.metadata.length) lines.push(`  metadata:  ${s.metadata.map((m) => m.name).join(', ')}`);
  lines.push(`  responses wanted per record: ${s.distribution.responsesPerRecord}`);
  if (s.languages.length) lines.push(`  languages: ${s.languages.join(', ')}`);
  return lines.join('\n');
}

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('create, list, show and delete datasets');

  datasets
    .command('create')
    .description('create a dataset from a settings file (YAML or JSON)')
    .argument('<name>', 'dataset name')
    .requiredOption('--settings <file>', 'settings file: fields, questions, metadata, guidelines')
    .action(async (name: string, o: { settings: string }, cmd: Command) => {
      checkDatasetName(name);
      const settings = await readSettingsFile(o.settings);
      await withStore(cmd, async (store, g) => {
        const d = await store.datasets.create(name, settings, cliActor());
        emit(
          g,
          { dataset: d.name, id: d.id, settings: d.settings },
          () => `Created dataset '${d.name}'\n${describeSettings(d.settings)}`,
        );
      });
    });

  datasets
    .command('list')
    .description('list datasets with record counts')
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        // Counts only: no settings read, so their schema (and zod) never loads for a list.
        const all = await store.datasets.summaries();
        emit(
          g,
          {
            datasets: all.map((d) => ({
              name: d.name,
              records: d.records,
              byStatus: d.byStatus,
              createdAt: new Date(d.createdAt).toISOString(),
            })),
          },
          () =>
            all.length === 0
              ? 'No datasets yet. Try: tandem import FILE --dataset NAME'
              : [
                  `${'NAME'.padEnd(28)} ${'RECORDS'.padStart(9)}  STATUS`,
                  ...all.map(
                    (d) =>
                      `${d.name.padEnd(28)} ${String(d.records).padStart(9)}  ${Object.entries(d.byStatus)
                        .map(([k, v]) => `${k} ${v}`)
                        .join(', ')}`,
                  ),
                ].join('\n'),
        );
      });
    });

  datasets
    .command('show')
    .description('show a dataset: settings and counts per status')
    .argument('<name>', 'dataset name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const d = await store.datasets.get(name);
        const byStatus = await store.datasets.countByStatus(d.id);
        const records = totalOf(byStatus);
        emit(
          g,
          {
            name: d.name,
            id: d.id,
            records,
            byStatus,
            settings: d.settings,
            createdAt: new Date(d.createdAt).toISOString(),
          },
          () =>
            `Dataset '${d.name}': ${records} records${
              records
                ? ` (${Object.entries(byStatus)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ')})`
                : ''
            }\n${describeSettings(d.settings)}`,
        );
      });
    });

  datasets
    .command('members')
    .description('who works on a dataset in the annotation app (owners and admins see every dataset)')
    .argument('<name>', 'dataset name')
    .option('--add <users>', 'comma-separated user names to add')
    .option('--remove <users>', 'comma-separated user names to remove')
    .option('--resume <users>', 'let members paused for low accuracy on gold take records again')
    .action(async (name: string, o: { add?: string; remove?: string; resume?: string }, cmd: Command) => {
      const list = (v?: string) =>
        (v ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
      await withStore(cmd, async (store, g) => {
        const d = await store.datasets.get(name);
        const members = await store.members.change(
          d.id,
          { add: list(o.add), remove: list(o.remove) },
          cliActor(),
        );
        await store.members.resume(d.id, list(o.resume), cliActor());
        emit(g, { dataset: d.name, members }, () =>
          members.length
            ? `Members of '${d.name}': ${members.join(', ')}`
            : `'${d.name}' has no members yet.`,
        );
      });
    });

  datasets
    .command('delete')
    .description('delete a dataset with its records, responses and suggestions')
    .argument('<name>', 'dataset name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const r = await store.datasets.delete(name, cliActor());
        emit(
          g,
          { deleted: name, records: r.records },
          () => `Deleted dataset '${name}' and its ${r.records} records.`,
        );
      });
    });
}
