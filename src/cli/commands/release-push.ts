import type { Command } from 'commander';
import { withStore } from '../context.js';
import { emit } from '../output.js';

/** `tandem release push D@VERSION --repo ORG/NAME`: the release, exported, on the Hugging Face Hub. */
export function registerReleasePush(release: Command): void {
  release
    .command('push')
    .description('upload a release (files per split and the dataset card) to the Hugging Face Hub')
    .argument('<ref>', 'DATASET@VERSION')
    .requiredOption('--repo <org/name>', 'the Hub dataset repository (created if absent)')
    .option('--endpoint <url>', 'the Hub to push to (default: HF_ENDPOINT or https://huggingface.co)')
    .option('--private', 'create the repository private (an existing one keeps its visibility)')
    .option('--card-only', 'upload only the README.md dataset card, never the data files')
    .option('--format <format>', 'the files written per split (as release export)', 'parquet')
    .option('--license <id>', "the card's license (a Hub license id, e.g. cc-by-4.0)")
    .action(
      async (
        ref: string,
        o: {
          repo: string;
          endpoint?: string;
          private?: boolean;
          cardOnly?: boolean;
          format: string;
          license?: string;
        },
        cmd: Command,
      ) => {
        const { pushRelease } = await import('../../stages/release/push.js');
        await withStore(cmd, async (store, g) => {
          const r = await pushRelease(store, {
            ref,
            repo: o.repo,
            token: process.env.HF_TOKEN,
            endpoint: o.endpoint ?? process.env.HF_ENDPOINT,
            private: o.private,
            cardOnly: o.cardOnly,
            format: o.format,
            license: o.license,
          });
          emit(g, r, () =>
            [
              `Pushed ${r.dataset}@${r.version} to ${r.url}${r.created ? ' (repository created)' : ''}:`,
              r.commit ? `  commit ${r.commit}` : '  nothing new: the Hub already held every file',
              ...r.uploaded.map((p) => `  uploaded  ${p}`),
              ...r.unchanged.map((p) => `  unchanged ${p}`),
              `  branch ${r.branch} (load_dataset("${r.repo}", revision="${r.branch}"))`,
            ].join('\n'),
          );
        });
      },
    );
}
