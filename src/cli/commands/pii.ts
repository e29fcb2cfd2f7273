import type { Command } from 'commander';
import { usage } from '../../core/errors.js';
import { openLineSink } from '../../io/line-sink.js';
import { strictRows, textField } from '../../io/strict-rows.js';
// Types and the operator list only: the recognizers (and libphonenumber's metadata) load when the
// command runs, not on every `tandem` start.
import type { AnalyzeOptions, Entity } from '../../text/pii/index.js';
import type { mergeFindings, PiiModel } from '../../text/pii/model.js';
import { OPERATORS, type OperatorName } from '../../text/pii/types.js';
import { globals } from '../context.js';
import { note, progress } from '../output.js';

interface PiiFlags {
  field: string;
  redact?: boolean;
  operator?: string;
  salt?: string;
  region: string;
  minScore: string;
  model?: string;
  modelThreshold?: string;
}

/** The --model recognizer and the merge of its findings with the rules' (both from model.ts). */
interface ModelRecognizer {
  model: PiiModel;
  merge: typeof mergeFindings;
}

function parseMinScore(s: string): number {
  const n = Number(s);
  if (s.trim() === '' || !(n >= 0 && n <= 1))
    throw usage(`--min-score must be a number from 0 to 1, got '${s}'`);
  return n;
}

function parseModelThreshold(s: string | undefined, model: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (model === undefined) throw usage('--model-threshold needs --model PATH');
  const n = Number(s);
  if (s.trim() === '' || !(n >= 0 && n <= 1))
    throw usage(`--model-threshold must be a number from 0 to 1, got '${s}'`);
  return n;
}

/**
 * Loads the --model recognizer. model.ts (and the engine it loads) is imported only here, so runs
 * without --model never load it. Any failure — the engine not installed, no model in the folder, a
 * model that does not load — is a bad --model (exit 2), reported before anything is written.
 */
async function loadModel(path: string, threshold: number | undefined): Promise<ModelRecognizer> {
  const { loadPiiModel, mergeFindings } = await import('../../text/pii/model.js');
  try {
    const model = await loadPiiModel({ path, ...(threshold === undefined ? {} : { threshold }) });
    return { model, merge: mergeFindings };
  } catch (e) {
    throw usage(`--model: ${(e as Error).message}`);
  }
}

function parseOperator(s: string | undefined): OperatorName {
  const op = s ?? 'replace';
  if (!(OPERATORS as readonly string[]).includes(op)) {
    throw usage(`unknown --operator '${op}'; expected ${OPERATORS.join(', ')}`);
  }
  return op as OperatorName;
}

/** Counts per entity type, most frequent first, as "TYPE n, TYPE n". */
function describeCounts(counts: Map<string, number>): string {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
}

/**
 * `JSON.stringify({ line, entities })` with each entity as {type, start, end, text, score}, built by
 * hand: the same bytes, without an object per entity and V8's generic walk (the --json hot path).
 * Types are upper-case ASCII names and offsets integers, so only the text needs escaping.
 */
export function verdictJson(line: number, found: readonly Entity[]): string {
  if (found.length === 0) return `{"line":${line},"entities":[]}`;
  let s = `{"line":${line},"entities":[`;
  for (let i = 0; i < found.length; i++) {
    const e = found[i]!;
    s += `${i === 0 ? '' : ','}{"type":"${e.type}","start":${e.start},"end":${e.end},"text":${JSON.stringify(e.text)},"score":${JSON.stringify(e.score)}}`;
  }
  return `${s}]}`;
}

export function registerPii(program: Command): void {
  program
    .command('pii')
    .description('find personal data and secrets in a text field of a JSONL file, or write it redacted')
    .argument('<file>', 'JSONL file, one object per line')
    .option('--field <name>', 'the field holding the text', 'text')
    .option('--redact', 'write the lines with the field anonymized (JSONL) instead of a report')
    .option('--operator <op>', `${OPERATORS.join(' | ')} (implies --redact; default replace)`)
    .option('--salt <salt>', 'key for hash and fake (default: $TANDEM_PII_SALT)')
    .option('--region <code>', 'country for phone numbers written without a country code', 'US')
    .option('--min-score <number>', 'report entities scoring at least this', '0.5')
    .option(
      '--model <path>',
      'also run a token-classification (NER) model from this folder (PERSON, LOCATION)',
    )
    // The default is model.ts's DEFAULT_MODEL_THRESHOLD, written out so that --help does not load
    // model.ts (test/cli/pii-model-cli.test.ts checks that the two agree).
    .option('--model-threshold <number>', "keep the model's findings scoring at least this (default: 0.8)")
    .action(async (file: string, o: PiiFlags, cmd: Command) => {
      const g = globals(cmd);
      const redact = Boolean(o.redact || o.operator);
      const operator = parseOperator(o.operator);
      const salt = o.salt ?? process.env.TANDEM_PII_SALT;
      if (redact && (operator === 'hash' || operator === 'fake') && !salt) {
        throw usage(`--operator ${operator} needs a salt: --salt S or $TANDEM_PII_SALT`);
      }
      const options: AnalyzeOptions = { region: o.region, minScore: parseMinScore(o.minScore) };
      const modelThreshold = parseModelThreshold(o.modelThreshold, o.model);
      const { analyzeMany, analyzeWith, anonymize, FakeMap, resolveOptions } = await import(
        '../../text/pii/index.js'
      );
      let resolved: ReturnType<typeof resolveOptions>;
      try {
        resolved = resolveOptions(options);
      } catch (e) {
        throw usage(`--region: ${(e as Error).message}`);
      }
      const fakes = operator === 'fake' && salt ? new FakeMap(salt, resolved.region) : undefined;
      // Loaded before the sink opens: a model that fails to load leaves stdout empty.
      const withModel = o.model === undefined ? undefined : await loadModel(o.model, modelThreshold);

      // Small writes: a line queued for long survives young-generation GCs (see LineSinkOptions).
      const sink = openLineSink(process.stdout, { flushAt: 64 * 1024 });
      const counts = new Map<string, number>();
      let lines = 0;
      let withPii = 0;
      const bar = progress('pii');
      try {
        for await (const rows of strictRows(file, 'jsonl', { chunkSize: 256 * 1024, batchSize: 100 })) {
          // The rows before a bad one are handled first, as when rows were read one at a time.
          const texts: string[] = [];
          let bad: unknown;
          for (const item of rows) {
            try {
              texts.push(textField(item, o.field, file));
            } catch (e) {
              bad = e;
              break;
            }
          }
          // A batch at once: each recognizer runs over all of it in turn (see analyzeMany).
          const batch = withModel ? undefined : analyzeMany(texts, resolved);
          for (let i = 0; i < texts.length; i++) {
            const item = rows[i]!;
            const text = texts[i]!;
            lines++;
            // The model is async and the rules are not: without --model, no await and no copy here.
            const found = withModel
              ? withModel.merge(analyzeWith(text, resolved), await withModel.model.find(text))
              : batch![i]!;
            if (found.length > 0) withPii++;
            for (const e of found) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
            let pending: void | Promise<void> | undefined;
            if (redact) {
              const r = anonymize(text, found, operator, {
                ...(salt ? { salt } : {}),
                ...(fakes ? { fakes } : {}),
              });
              pending = sink.write(JSON.stringify({ ...item.value, [o.field]: r.text }));
            } else if (g.json) {
              pending = sink.write(verdictJson(item.line, found));
            } else {
              for (const e of found) {
                pending = sink.write(
                  `line ${item.line}: ${e.type} [${e.start}, ${e.end}) ${JSON.stringify(e.text)} ${e.score.toFixed(2)}`,
                );
              }
            }
            if (pending) await pending;
          }
          bar.update(lines);
          if (bad) throw bad;
        }
      } catch (e) {
        await sink.abort();
        throw e;
      } finally {
        bar.stop();
      }
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const summary =
        `${lines} lines, ${withPii} with PII, ${total} entities` +
        (total ? `: ${describeCounts(counts)}` : '');
      if (redact) {
        await sink.close();
        note(`Redacted with ${operator}: ${summary}.`);
      } else if (g.json) {
        await sink.close();
      } else {
        sink.write(`${withPii ? '\n' : ''}${summary}.`);
        await sink.close();
      }
    });
}
