import type { Command } from 'commander';
import { runDemo } from '../../demo/run-demo.js';
import { withStore } from '../context.js';
import { emit, note } from '../output.js';
import { positiveInt } from './generate.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('offline end-to-end run on shipped multilingual support conversations')
    .option('--count <n>', 'import at most N conversations', (v) => Number.parseInt(v, 10))
    .option('--out <file>', 'where the OpenAI fine-tuning file goes', './tandem-demo.openai.jsonl')
    .option('--no-serve', 'stop after the export instead of serving the annotation app (implied by --json)')
    .option('--port <port>', 'port of the annotation app', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(
      async (
        o: { count?: number; out: string; serve: boolean; port: string; host: string },
        cmd: Command,
      ) => {
        const port = positiveInt('--port', o.port, 0) ?? 8787;
        await withStore(cmd, async (store, g) => {
          const r = await runDemo(store, {
            ...(o.count ? { count: o.count } : {}),
            out: o.out,
            log: g.json ? () => {} : note,
          });
          emit(g, r, () => r.nextSteps.join('\n'));
          if (!o.serve || g.json) return;
          const { prepareAppDataset } = await import('../../demo/app-dataset.js');
          const { serveUntilStopped } = await import('../../server/listen.js');
          const app = await prepareAppDataset(store, r.dataset);
          await serveUntilStopped(store, {
            port,
            host: o.host,
            onListening: (url) =>
              note(
                [
                  '',
                  `The annotation app is on ${url}  (Ctrl-C stops it)`,
                  `  '${app.dataset}' holds the same conversations, waiting for people.`,
                  ...app.logins.map(
                    (l) => `  log in as ${l.username.padEnd(10)} password ${l.password}   (${l.role})`,
                  ),
                  '  Press ? in the app for the keyboard shortcuts. API docs: /api/docs',
                ].join('\n'),
              ),
          });
        });
      },
    );
}
