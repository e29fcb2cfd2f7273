import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtures } from '../helpers/files.js';
import { runInProcess } from '../helpers/in-process.js';

const file = fixtures('dedup', '.jsonl');

const tandem = runInProcess;

afterEach(() => vi.restoreAllMocks());

const words = (seed: number, n = 100) =>
  Array.from({ length: n }, (_, i) => `w${(seed * 7919 + i * 104729) % 9973}`);
const a = words(1);
const b = words(2);
const aEdited = [...a];
aEdited[50] = 'changed'; // J = 91/101 ≈ 0.9
const lines = [
  { id: 1, text: a.join(' ') },
  { id: 2, text: b.join(' ') },
  { id: 3, text: `${b.join(', ').toUpperCase()}!` },
  { id: 4, text: 'something else entirely, short' },
  { id: 5, text: aEdited.join(' ') },
  { id: 6, body: a.join(' ') },
];
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

describe('tandem dedup', () => {
  it('prints {records, duplicates, clusters} with 1-based lines, kept line first', async () => {
    // A blank line (skipped) shifts the later line numbers.
    const f = file(`${jsonl(lines.slice(0, 3))}\n\n${jsonl(lines.slice(3, 5))}\n`);
    const r = await tandem(['dedup', f, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['records', 'duplicates', 'clusters']);
    expect(out).toEqual({
      records: 5,
      duplicates: 2,
      clusters: [
        [1, 6],
        [2, 3],
      ],
    });
  });

  it('prints a summary and the clusters for people', async () => {
    const f = file(jsonl(lines.slice(0, 5)));
    const r = await tandem(['dedup', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 records, 2 duplicates in 2 clusters');
    expect(r.stdout).toContain('1 exact after normalisation');
    expect(r.stdout).toContain('  1, 5\n');
    expect(r.stdout).toContain('  2, 3');
  });

  it('reads another field and honours --threshold, --num-perm and --ngram', async () => {
    const f = file(jsonl([{ body: 'x y z' }, { body: 'X, y; z.' }]));
    expect(JSON.parse((await tandem(['dedup', f, '--field', 'body', '--json'])).stdout).clusters).toEqual([
      [1, 2],
    ]);
    const g = file(jsonl(lines.slice(0, 5)));
    const strict = JSON.parse((await tandem(['dedup', g, '--threshold', '0.99', '--json'])).stdout);
    expect(strict.clusters).toEqual([[2, 3]]);
    const other = await tandem(['dedup', g, '--num-perm', '64', '--ngram', '3', '--json']);
    expect(JSON.parse(other.stdout).clusters).toEqual([
      [1, 5],
      [2, 3],
    ]);
  });

  it('stops with exit 2 at a bad line or a missing or non-string field, naming file:line', async () => {
    const bad = file(`${jsonl(lines.slice(0, 2))}\n{"text": oops}\n`);
    let r = await tandem(['dedup', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3`);
    expect(r.stderr).toContain('malformed JSON');

    const missing = file(jsonl([lines[0], lines[5]]));
    r = await tandem(['dedup', missing, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${missing}:2: field 'text' is missing`);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: 'bad_input',
      location: { file: missing, line: 2 },
    });

    const number = file(jsonl([{ text: 'fine' }, { text: 42 }]));
    r = await tandem(['dedup', number]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${number}:2: field 'text' must be a string, found a number`);

    r = await tandem(['dedup', `${bad}.missing`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file not found');
  });

  it('rejects bad flags with exit 2', async () => {
    const f = file(jsonl(lines.slice(0, 2)));
    for (const [flag, value, message] of [
      ['--threshold', '1.5', '--threshold must be a number in (0, 1]'],
      ['--threshold', 'x', '--threshold must be'],
      ['--num-perm', '0', '--num-perm must be an integer from 1 to 1024'],
      ['--ngram', '2.5', '--ngram must be an integer'],
    ] as const) {
      const r = await tandem(['dedup', f, flag, value]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect((await tandem(['dedup'])).code).toBe(2);
  });
});
