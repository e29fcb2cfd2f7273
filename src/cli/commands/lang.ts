import { once } from 'node:events';
import type { Command } from 'commander';
import { badInput } from '../../core/errors.js';
import { describeJson } from '../../io/reader-kit.js';
import { strictRows } from '../../io/strict-rows.js';
import { detectLanguage, type LanguageResult, loadLanguageDetector } from '../../text/language.js';
import { asChatMessages, chatText } from '../../text/language-checks.js';
import { globals } from '../context.js';
import { progress } from '../output.js';

/** One input line's answer: the `--json` line of the CLI contract, exactly these keys. */
export interface LangLine {
  line: number;
  lang: string;
  score: number;
}

export interface LangRunOptions {
  /** The field holding the text, or a chat (a list of `{role, content}`); default `text`. */
  field?: string;
  /** Called for each line in file order; awaited, so a caller can wait for its output to drain. */
  onLine?: (result: LangLine) => void | Promise<void>;
}

export interface LangSummary {
  file: string;
  field: string;
  records: number;
  /** Lines per detected language (`und` included), most frequent first. */
  counts: Record<string, number>;
}

/**
 * Detects the language of one field on every line of a JSONL file. A string is detected as it is; a
 * chat (a list of `{role, content}` messages) on the text of its user and assistant turns. A line that
 * is not JSON, or whose field is missing or of another type, stops the run with file:line (exit 2).
 */
export async function runLang(file: string, options: LangRunOptions = {}): Promise<LangSummary> {
  const field = options.field ?? 'text';
  await loadLanguageDetector();
  const counts = new Map<string, number>();
  let records = 0;
  const bar = progress(`lang ${file}`);
  try {
    for await (const batch of strictRows(file)) {
      for (const row of batch) {
        const r = detectValue(row.value[field], field, file, row.line);
        records++;
        counts.set(r.lang, (counts.get(r.lang) ?? 0) + 1);
        await options.onLine?.({ line: row.line, lang: r.lang, score: r.score });
      }
      bar.update(records);
    }
  } finally {
    bar.stop();
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { file, field, records, counts: Object.fromEntries(sorted) };
}

function detectValue(value: unknown, field: string, file: string, line: number): LanguageResult {
  if (typeof value === 'string') return detectLanguage(value);
  const messages = asChatMessages(value);
  if (messages) return detectLanguage(chatText(messages));
  throw badInput(
    value === undefined
      ? `field '${field}' is missing`
      : `field '${field}' must be a string or a list of {role, content} messages, found ${describeJson(value)}`,
    { file, line },
  );
}

/** The human summary after the per-line results. */
export function describeLangSummary(s: LangSummary): string {
  const langs = Object.entries(s.counts);
  const list = langs.map(([lang, n]) => `${lang} ${n}`).join(', ');
  const known = langs.filter(([lang]) => lang !== 'und').length;
  return `${s.records} records in ${known} language${known === 1 ? '' : 's'}${list ? `: ${list}` : ''}.`;
}

/** Writes to stdout, waiting when its buffer is full so memory stays flat on large files. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

export function registerLang(program: Command): void {
  program
    .command('lang')
    .description('detect the language of a text field on every line of a JSONL file (ISO 639-1 codes)')
    .argument('<file>', 'JSONL file, one object per line')
    .option('--field <name>', 'the field holding the text, or a chat of {role, content} messages', 'text')
    .action(async (file: string, o: { field: string }, cmd: Command) => {
      const g = globals(cmd);
      const summary = await runLang(file, {
        field: o.field,
        onLine: g.json
          ? (r) => write(`${JSON.stringify({ line: r.line, lang: r.lang, score: r.score })}\n`)
          : (r) => write(`line ${r.line}: ${r.lang}${r.lang === 'und' ? '' : ` (${r.score.toFixed(2)})`}\n`),
      });
      if (!g.json) await write(`${describeLangSummary(summary)}\n`);
    });
}
