import type { Command } from 'commander';
import { runDemo } from '../../demo/run-demo.js';
import { withStore } from '../context.js';
import { emit, note } from '../output.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('offline end-to-end run on shipped multilingual support conversations')
    .option('--count <n>', 'import at most N conversations', (v) => Number.parseInt(v, 10))
    .option('--out <file>', 'where the OpenAI fine-tuning file goes', './tandem-demo.openai.jsonl')
    .action(async (o: { count?: number; out: string }, cmd: Command) => {
      await withStore(cmd, async (store, g) => {
        const r = await runDemo(store, {
          ...(o.count ? { count: o.count } : {}),
          out: o.out,
          log: g.json ? () => {} : note,
        });
        emit(g, r, () => r.nextSteps.join('\n'));
      });
    });
}
