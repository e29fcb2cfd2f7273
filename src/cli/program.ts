import { Command, CommanderError } from 'commander';
import { registerAggregate } from './commands/aggregate.js';
import { registerAgreement } from './commands/agreement.js';
import { registerCheck } from './commands/check.js';
import { registerDatasets } from './commands/datasets.js';
import { registerDedup } from './commands/dedup.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerGenerate } from './commands/generate.js';
import { registerGold } from './commands/gold.js';
import { registerImport } from './commands/import.js';
import { registerLang } from './commands/lang.js';
import { registerPii } from './commands/pii.js';
import { registerQa } from './commands/qa.js';
import { registerRelease, releaseVersionArgs } from './commands/release.js';
import { registerSchema } from './commands/schema.js';
import { registerServe } from './commands/serve.js';
import { registerUsers } from './commands/users.js';
import { registerWorker } from './commands/worker.js';
import { reportError } from './output.js';

export function buildProgram(): Command {
  const program = new Command('tandem')
    .description('Synthetic generation and human review in one pipeline for LLM training data')
    .version('0.1.0')
    .option('--db <url>', 'store: a SQLite file or postgres://… (default: $TANDEM_DB, else ./tandem.db)')
    .option('--json', 'print one machine-readable JSON document to stdout')
    .showHelpAfterError()
    .exitOverride();
  registerDemo(program);
  registerDatasets(program);
  registerImport(program);
  registerExport(program);
  registerRelease(program);
  registerGenerate(program);
  registerCheck(program);
  registerGold(program);
  registerQa(program);
  registerAggregate(program);
  registerWorker(program);
  registerServe(program);
  registerUsers(program);
  registerSchema(program);
  registerAgreement(program);
  registerLang(program);
  registerDedup(program);
  registerPii(program);
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(releaseVersionArgs(argv));
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is bad usage.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0)
        return 0;
      if (e.code === 'commander.help') return 0;
      return 2;
    }
    return reportError(e, argv.includes('--json'));
  }
}
