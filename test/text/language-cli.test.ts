import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LangLine, runLang } from '../../src/cli/commands/lang.js';
import { isTandemError } from '../../src/core/errors.js';
import { detectLanguage } from '../../src/text/language.js';
import { chatText } from '../../src/text/language-checks.js';
import { fixtures } from '../helpers/files.js';
import { runInProcess } from '../helpers/in-process.js';
import { sentences } from './language-fixtures.js';

const { LONG, CHATS, messagesOf } = sentences;
const file = fixtures('lang', '.jsonl');
const jsonl = (rows: unknown[]) => file(rows.map((r) => JSON.stringify(r)).join('\n'));

const texts = [LONG.es![0]!, LONG.ja![1]!, 'ok', LONG.nb![2]!, LONG.es![3]!];
const textFile = jsonl(texts.map((text, i) => ({ id: i, text })));

async function run(
  f: string,
  field?: string,
): Promise<{ lines: LangLine[]; counts: Record<string, number> }> {
  const lines: LangLine[] = [];
  const s = await runLang(f, { ...(field ? { field } : {}), onLine: (r) => void lines.push(r) });
  expect(s.records).toBe(lines.length);
  return { lines, counts: s.counts };
}

async function failure(f: string, field?: string) {
  const e = await runLang(f, field ? { field } : {}).catch((x: unknown) => x);
  if (!isTandemError(e)) throw new Error(`expected a TandemError, got ${String(e)}`);
  return e;
}

const cli = runInProcess;

afterEach(() => vi.restoreAllMocks());

describe('runLang', () => {
  it('detects the text field of every line, in order, and counts languages', async () => {
    const { lines, counts } = await run(textFile);
    expect(lines.map((l) => [l.line, l.lang])).toEqual([
      [1, 'es'],
      [2, 'ja'],
      [3, 'und'],
      [4, 'nb'],
      [5, 'es'],
    ]);
    expect(lines[2]!.score).toBe(0);
    expect(lines[0]!.score).toBe(detectLanguage(texts[0]!).score);
    expect(counts).toEqual({ es: 2, ja: 1, nb: 1, und: 1 });
    expect(Object.keys(counts)[0]).toBe('es');
  });

  it('reads another field, and a chat on its user and assistant text', async () => {
    const nb = CHATS.find((c) => c.lang === 'nb')!;
    const messages = [{ role: 'system', content: LONG.en![0]! }, ...messagesOf(nb)];
    const f = jsonl([
      { body: LONG.fr![0] },
      { body: messages },
      { body: [{ role: 'user', content: [{ type: 'text', text: LONG.uk![0] }] }] },
    ]);
    const { lines } = await run(f, 'body');
    expect(lines.map((l) => l.lang)).toEqual(['fr', 'nb', 'uk']);
    // The system prompt in English is left out.
    expect(lines[1]!.score).toBe(detectLanguage(chatText(messages)).score);
    expect(chatText(messages)).not.toContain(LONG.en![0]!);
  });

  it('stops with file:line on a bad line or a missing or wrong field (exit 2)', async () => {
    const bad = file(`${JSON.stringify({ text: LONG.en![0] })}\n{not json\n`);
    const e1 = await failure(bad);
    expect(e1.code).toBe('bad_input');
    expect(e1.message).toContain(`${bad}:2`);

    const missing = jsonl([{ text: LONG.en![0] }, { other: 'x' }]);
    const e2 = await failure(missing);
    expect(e2.message).toBe(`${missing}:2: field 'text' is missing`);

    const wrong = jsonl([{ text: 42 }]);
    expect((await failure(wrong)).message).toBe(
      `${wrong}:1: field 'text' must be a string or a list of {role, content} messages, found a number`,
    );
    const notChat = jsonl([{ text: [{ content: 'no role' }] }]);
    expect((await failure(notChat)).message).toMatch(/:1: field 'text' must be .* found an array$/);
  });
});

describe('tandem lang', () => {
  it('--json prints one {"line", "lang", "score"} object per input line', async () => {
    const r = await cli(['lang', textFile, '--json']);
    expect(r.code).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(texts.length);
    for (const o of out) expect(Object.keys(o)).toEqual(['line', 'lang', 'score']);
    expect(out.map((o) => o.lang)).toEqual(['es', 'ja', 'und', 'nb', 'es']);
    expect(out[2]).toEqual({ line: 3, lang: 'und', score: 0 });
  });

  it('prints per-line results then counts per language for people', async () => {
    const r = await cli(['lang', textFile]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^line 1: es \(\d\.\d\d\)$/);
    expect(lines[2]).toBe('line 3: und');
    expect(lines.at(-1)).toBe('5 records in 3 languages: es 2, ja 1, nb 1, und 1.');
  });

  it('exits 2 naming file:line for a bad line, and reads --field', async () => {
    const f = jsonl([{ text: LONG.de![0] }, { text: null }]);
    const r = await cli(['lang', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:2: field 'text' must be a string`);
    const g = jsonl([{ msg: LONG.pl![0] }]);
    const ok = await cli(['lang', g, '--field', 'msg', '--json']);
    expect(JSON.parse(ok.stdout)).toMatchObject({ line: 1, lang: 'pl' });
  });
});
