import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { settingsJsonSchema } from '../../core/settings-file.js';
import { note } from '../output.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a file type, for editor autocompletion')
    .argument('<kind>', 'settings')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((kind: string, o: { out?: string }) => {
      if (kind !== 'settings') throw usage(`unknown schema '${kind}'; expected: settings`);
      const text = `${JSON.stringify(settingsJsonSchema(), null, 2)}\n`;
      if (o.out) {
        writeFileSync(o.out, text);
        note(`Wrote ${o.out}`);
      } else process.stdout.write(text);
    });
}
