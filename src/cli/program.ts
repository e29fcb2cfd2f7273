import { Command, CommanderError } from 'commander';
import { releaseVersionArgs } from './commands/release-args.js';
import { CommandFailed, reportError } from './output.js';

/** What a command file exports: it adds its command (and subcommands) to the program. */
export type Register = (program: Command) => void;

/**
 * One command: its usage line and description (cheap, for `tandem --help`) and how to load the
 * file that registers it. Only the invoked command's file is imported, so `tandem --version` or
 * `datasets list` do not load generation, checks, the server and their libraries.
 * Adding a command is one line here: `lazy('name <arg>', 'what it does', async () => (await import('./commands/name.js')).registerName),`
 */
interface LazyCommand {
  name: string;
  usage: string;
  description: string;
  load: () => Promise<Register>;
}

function lazy(usage: string, description: string, load: () => Promise<Register>): LazyCommand {
  return { name: usage.split(' ')[0]!, usage, description, load };
}

// biome-ignore format: one command a line, so concurrent additions merge cleanly
const commands: LazyCommand[] = [
  lazy('demo', 'offline end-to-end run on shipped multilingual support conversations', async () => (await import('./commands/demo.js')).registerDemo),
  lazy('datasets', 'create, list, show and delete datasets', async () => (await import('./commands/datasets.js')).registerDatasets),
  lazy('import <file>', 'import a JSONL, JSON, CSV or Parquet file into a dataset (created when missing)', async () => (await import('./commands/import.js')).registerImport),
  lazy('export', 'export a dataset as JSONL or a training format', async () => (await import('./commands/export.js')).registerExport),
  lazy('release', 'immutable, versioned releases of a dataset', async () => (await import('./commands/release.js')).registerRelease),
  lazy('generate <recipe>', 'generate rows from a YAML recipe into a dataset; run it again to resume or top up', async () => (await import('./commands/generate.js')).registerGenerate),
  lazy('check', 'run automatic checks on a dataset: near-duplicates, PII, language, quality, offensive words, decontamination, LLM judge', async () => (await import('./commands/check.js')).registerCheck),
  lazy('gold <file>', "mark records as gold (known answers), mixed into annotators' queues to measure them", async () => (await import('./commands/gold.js')).registerGold),
  lazy('qa', 'how right a dataset is: agreement, gold accuracy, consensus, disputed records, second review', async () => (await import('./commands/qa.js')).registerQa),
  lazy('report', 'write an audit report: one self-contained HTML file with charts, no network', async () => (await import('./commands/report.js')).registerReport),
  lazy('aggregate', 'final values from the answers of records nobody decided yet (majority, median, Dawid–Skene …)', async () => (await import('./commands/aggregate.js')).registerAggregate),
  lazy('worker', 'claim queued jobs (`generate --queue`, `check --queue`) and do them', async () => (await import('./commands/worker.js')).registerWorker),
  lazy('serve', 'serve the HTTP API (the annotation app comes with it)', async () => (await import('./commands/serve.js')).registerServe),
  lazy('users', 'accounts of the annotation app', async () => (await import('./commands/users.js')).registerUsers),
  lazy('schema <kind>', 'print the JSON Schema of a file type, for editor autocompletion', async () => (await import('./commands/schema.js')).registerSchema),
  lazy('agreement <file>', 'inter-annotator agreement of judgements in a JSONL file ({"item", "annotator", "value"} a line)', async () => (await import('./commands/agreement.js')).registerAgreement),
  lazy('lang <file>', 'detect the language of a text field on every line of a JSONL file (ISO 639-1 codes)', async () => (await import('./commands/lang.js')).registerLang),
  lazy('dedup <file>', 'find near-duplicate texts in a JSONL file (MinHash + LSH, confirmed by Jaccard similarity)', async () => (await import('./commands/dedup.js')).registerDedup),
  lazy('pii <file>', 'find personal data and secrets in a text field of a JSONL file, or write it redacted', async () => (await import('./commands/pii.js')).registerPii),
  lazy('erase', 'erase records everywhere Tandem keeps them (GDPR Art. 17), keeping a tombstone', async () => (await import('./commands/erase.js')).registerErase),
  lazy('lineage <record>', "a record's lineage: source, checks, answers, decision, corrections, releases", async () => (await import('./commands/lineage.js')).registerLineage),
  lazy('audit', 'audit a dataset: representation, factual accuracy, drift; error-rate estimates, acceptance sampling plans', async () => (await import('./commands/audit.js')).registerAudit),
  lazy('search-index', 'make every imported or edited record searchable through the index now (`serve` and `worker` do it in the background)', async () => (await import('./commands/search-index.js')).registerSearchIndex),
];

/** The commands as `tandem --help` lists them without loading any: for the test that they match. */
export function commandTable(): readonly { name: string; usage: string; description: string }[] {
  return commands;
}

/** Global options that take a value, so the command name is not mistaken for one. */
const VALUE_OPTIONS = new Set(['--db']);

/** The command a command line invokes (`tandem [globals] NAME …`, or `tandem help NAME`). */
export function invokedCommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return args[i + 1];
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    return a === 'help' ? (args[i + 1] ?? a) : a;
  }
  return undefined;
}

/**
 * The program with the real registration of the commands named in `load` ('all' for every one)
 * and a description-only stub for the rest, which is all help and "did you mean" need.
 */
export async function buildProgram(load: readonly string[] | 'all' = 'all'): Promise<Command> {
  const program = new Command('tandem')
    .description('Synthetic generation and human review in one pipeline for LLM training data')
    .version('0.1.0')
    .option('--db <url>', 'store: a SQLite file or postgres://… (default: $TANDEM_DB, else ./tandem.db)')
    .option('--json', 'print one machine-readable JSON document to stdout')
    .showHelpAfterError()
    .exitOverride();
  for (const c of commands) {
    if (load === 'all' || load.includes(c.name)) (await c.load())(program);
    else program.command(c.usage).description(c.description);
  }
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    const name = invokedCommand(argv.slice(2));
    const program = await buildProgram(name ? [name] : []);
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
    if (e instanceof CommandFailed) return e.code;
    return reportError(e, argv.includes('--json'));
  }
}
