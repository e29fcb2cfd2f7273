import { describe, expect, it } from 'vitest';
import { readVerdictLines, type Verdict } from '../../src/io/verdict-lines.js';
import { fixtures } from '../helpers/files.js';

const file = fixtures('verdict-lines', '.jsonl');

async function read(content: string | Buffer): Promise<[number, Verdict, Verdict][] | string> {
  const out: [number, Verdict, Verdict][] = [];
  try {
    await readVerdictLines(file(content), (line, human, judge) => out.push([line, human, judge]));
  } catch (e) {
    return (e as Error).message.replace(/^.*?\.jsonl/, 'F');
  }
  return out;
}

/** What the format means, by JSON.parse: the reference the byte scanner must agree with. */
function reference(text: string): [Verdict, Verdict] | 'blank' | 'error' {
  if (text.trim() === '') return 'blank';
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'error';
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'error';
  const o = v as Record<string, unknown>;
  const one = (x: unknown): Verdict | 'error' =>
    x === 0 || x === 1 ? x : x === undefined || x === null ? -1 : 'error';
  const h = one(o.human);
  const j = one(o.judge);
  return h === 'error' || j === 'error' ? 'error' : [h, j];
}

// Lines the fast path reads and lines it must hand to JSON.parse; each is checked against the reference.
const LINES = [
  '{"judge":1,"human":0}',
  '{"human":null,"judge":0}',
  ' { "human" : 1 , "judge" : 1 } ',
  '{"judge":1}',
  '{}',
  '{ }',
  '{"id":"r-1","human":1}',
  '{"id":"r-1","note":"date faux – « 1998 »","human":0,"judge":1}',
  '{"id":42,"human":1}',
  '{"human":1,"human":0}',
  '{"human":true}',
  '{"human":1.0}',
  '{"human":1e0}',
  '{"human":01}',
  '{"human":2}',
  '{"human":-1}',
  '{"human":"1"}',
  '{"human":[1]}',
  '{"judge":null,"human":1}',
  '{"meta":{"a":1},"human":1}',
  '{"note":"say \\"no\\"","human":1}',
  '{"hum\\u0061n":1}',
  '{"human":1,}',
  '{"human":1',
  '{"human" 1}',
  '[1]',
  '1',
  'null',
  '"x"',
  '{"human":nul}',
  '{"human":1}x',
  '{"human":1}{"human":0}',
  '\t{"human":0}\r',
  '   ',
];

describe('readVerdictLines', () => {
  it.each(LINES)('agrees with JSON.parse on %s', async (text) => {
    const got = await read(`${text}\n`);
    const want = reference(text);
    if (want === 'blank') expect(got).toEqual([]);
    else if (want === 'error') expect(got).toMatch(/^F:1: /);
    else expect(got).toEqual([[1, ...want]]);
  });

  it('numbers lines from 1 counting blank ones, reads CRLF and a last line without newline', async () => {
    expect(await read('{"human":1}\r\n\r\n{"judge":0}\n{"human":0,"judge":1}')).toEqual([
      [1, 1, -1],
      [3, -1, 0],
      [4, 0, 1],
    ]);
  });

  it('names the line and the problem', async () => {
    expect(await read('{"human":1}\n{"human":3}\n')).toBe('F:2: "human" must be 0, 1 or null, found 3');
    expect(await read('{"human":1}\n\n[]\n')).toBe(
      'F:3: each line must be an object like {"judge": 0, "human": 1}, found an array',
    );
    expect(await read('{"human":1}\n{"human":\n')).toMatch(/^F:2: not valid JSON/);
  });

  it('reads lines across chunk boundaries, multi-byte text included', async () => {
    // ~3 MiB: several 1 MiB chunks, with boundaries falling inside lines and inside UTF-8 sequences.
    const lines: string[] = [];
    let wrong = 0;
    for (let i = 0; i < 30000; i++) {
      const human = i % 7 === 0 ? 1 : 0;
      wrong += human;
      lines.push(
        JSON.stringify({ note: 'ошибка в дате — 日付の誤り '.repeat(1 + (i % 5)), human, judge: i % 2 }),
      );
    }
    const got = await read(lines.join('\n'));
    expect(Array.isArray(got) && got.length).toBe(30000);
    if (!Array.isArray(got)) return;
    expect(got.reduce((s, [, h]) => s + h, 0)).toBe(wrong);
    expect(got[29999]).toEqual([30000, 0, 1]);
  });
});
