import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { settingsJsonSchema } from '../../core/settings-file.js';
import { note } from '../output.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a file type, for editor autocompletion')
    .argument('<kind>', 'settings | recipe')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (kind: string, o: { out?: string }) => {
      let schema: Record<string, unknown>;
      if (kind === 'settings') schema = settingsJsonSchema();
      else if (kind === 'recipe')
        schema = (await import('../../stages/generate/recipe/json-schema.js')).recipeJsonSchema();
      else throw usage(`unknown schema '${kind}'; expected: settings, recipe`);
      const text = `${JSON.stringify(schema, null, 2)}\n`;
      if (o.out) {
        writeFileSync(o.out, text);
        note(`Wrote ${o.out}`);
      } else process.stdout.write(text);
    });
}
