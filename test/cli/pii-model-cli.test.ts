import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_MODEL_THRESHOLD,
  locateModelEngine,
  MODEL_ENGINE_INSTALL,
} from '../../src/text/pii/model.js';
import { fixtures } from '../helpers/files.js';
import { runInProcess as tandem } from '../helpers/in-process.js';
import { writeTinyNerModel } from '../helpers/tiny-ner-model.js';

/**
 * `tandem pii --model`: the optional NER model's findings merged with the rules' in every output mode,
 * on the tiny ONNX model the tests write (test/helpers/tiny-ner-model.ts). Those tests need the engine
 * (`.ci/run` installs it into .engines/): skipped without it, except in CI, where its absence fails.
 * The flag checks and the missing-engine message do not need it.
 */

// Tandem's own .engines/ is always among the places looked in, so TANDEM_ENGINES_DIR cannot hide an
// installed engine: a missing one is simulated by the engine loader failing while `hideEngine` is set.
const hidden = vi.hoisted(() => ({ engine: false }));
vi.mock('../../src/core/engines.js', async (original) => {
  const real = await original<typeof import('../../src/core/engines.js')>();
  return {
    ...real,
    engineLoader<T>(name: string) {
      const load = real.engineLoader<T>(name);
      return (missing: () => Error) => (hidden.engine ? Promise.reject(missing()) : load(missing));
    },
  };
});

const installed = locateModelEngine() !== undefined;
const file = fixtures('pii-model', '.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'tandem-pii-model-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const model = writeTinyNerModel(join(dir, 'tiny-ner'), {
  zorblat: 'B-PER',
  quindt: 'I-PER',
  vrellin: 'B-LOC',
  acme: 'B-ORG',
});

// Lowercase, made-up words: the rules find neither the name nor the town, only the phone number.
const rows = [
  { id: 1, text: 'i met zorblat quindt from vrellin at acme, call +1 415 555 2671.' },
  { id: 2, text: 'mail ana@example.com' },
  { id: 3, text: 'nothing here.' },
];
const jsonl = (r: unknown[]) => r.map((x) => JSON.stringify(x)).join('\n');
const parseLines = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
type Found = { type: string; text: string };
const typed = (line: { entities: Found[] }) => line.entities.map((e) => [e.type, e.text]);

it('has the model engine installed in CI', () => {
  if (process.env.CI) expect(installed).toBe(true);
});

describe('tandem pii --model, flags and failures', () => {
  it('rejects a bad --model-threshold with exit 2, saying what was given', async () => {
    const f = file(jsonl(rows));
    for (const v of ['2', '-0.1', 'high', ' ']) {
      const r = await tandem(['pii', f, '--model', model, '--model-threshold', v]);
      expect(r.code, v).toBe(2);
      expect(r.stderr).toContain(`--model-threshold must be a number from 0 to 1, got '${v}'`);
      expect(r.stdout).toBe('');
    }
    const alone = await tandem(['pii', f, '--model-threshold', '0.5']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--model-threshold needs --model');
  });

  it('a folder without a model exits 2 naming the folder, with nothing written', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const f = file(jsonl(rows));
    for (const mode of [[], ['--redact']]) {
      const r = await tandem(['pii', f, '--model', empty, ...mode]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: --model: no token-classification model in ${resolve(empty)}`);
      expect(r.stderr).toContain('config.json and tokenizer.json are expected there');
      expect(r.stdout).toBe('');
    }
    // --json reports the error as JSON on stdout, and nothing else.
    const j = await tandem(['pii', f, '--model', join(dir, 'nowhere'), '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).error).toMatchObject({ code: 'usage' });
  });

  it('without the engine, says how to install it and exits 2 with nothing written', async () => {
    hidden.engine = true;
    try {
      const r = await tandem(['pii', file(jsonl(rows)), '--model', model, '--redact']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error: --model: the PII model needs @huggingface/transformers');
      expect(r.stderr).toContain(MODEL_ENGINE_INSTALL);
      expect(r.stdout).toBe('');
    } finally {
      hidden.engine = false;
    }
  });

  it('--help states the module default threshold', async () => {
    const r = await tandem(['pii', '--help']);
    expect(r.stdout).toContain(`(default: ${DEFAULT_MODEL_THRESHOLD})`);
  });
});

describe.skipIf(!installed)('tandem pii --model on a tiny model', { timeout: 120_000 }, () => {
  it('--json merges the model findings with the rules, in text order', async () => {
    const r = await tandem(['pii', file(jsonl(rows)), '--model', model, '--json']);
    expect(r.code).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(typed(lines[0])).toEqual([
      ['PERSON', 'zorblat quindt'],
      ['LOCATION', 'vrellin'],
      ['PHONE_NUMBER', '+1 415 555 2671'],
    ]);
    expect(lines[0].entities[0]).toMatchObject({ start: 6, end: 20 });
    expect(lines[0].entities[0].score).toBeGreaterThanOrEqual(0.99);
    expect(typed(lines[1])).toEqual([['EMAIL_ADDRESS', 'ana@example.com']]);
    expect(lines[2].entities).toEqual([]);
  });

  it('--min-score filters the rules, --model-threshold the model', async () => {
    // Without a context word the phone number scores 0.7; the tiny model scores ~0.998.
    const f = file(jsonl([{ text: 'zorblat quindt, +1 415 555 2671' }]));
    const both = await tandem(['pii', f, '--model', model, '--json']);
    expect(JSON.parse(both.stdout).entities.map((e: { score: number }) => e.score > 0.99)).toEqual([
      true,
      false,
    ]);
    const strict = await tandem(['pii', f, '--model', model, '--min-score', '0.8', '--json']);
    expect(typed(JSON.parse(strict.stdout))).toEqual([['PERSON', 'zorblat quindt']]);
    const high = await tandem(['pii', f, '--model', model, '--model-threshold', '0.9999', '--json']);
    expect(typed(JSON.parse(high.stdout))).toEqual([['PHONE_NUMBER', '+1 415 555 2671']]);
  });

  it('--redact replaces the spans the model found, with any operator', async () => {
    const f = file(jsonl(rows));
    const r = await tandem(['pii', f, '--model', model, '--redact']);
    expect(r.code).toBe(0);
    expect(parseLines(r.stdout)[0]).toEqual({
      id: 1,
      text: 'i met <PERSON> from <LOCATION> at acme, call <PHONE_NUMBER>.',
    });
    expect(r.stderr).toContain('3 lines, 2 with PII, 4 entities');
    const masked = await tandem(['pii', f, '--model', model, '--operator', 'mask']);
    const text: string = parseLines(masked.stdout)[0].text;
    expect(text).not.toContain('zorblat');
    expect(text).not.toContain('vrellin');
    expect(text).toContain(' at acme, call ');
  });

  it('the text report lists the model findings and counts them', async () => {
    const r = await tandem(['pii', file(jsonl(rows.slice(0, 1))), '--model', model]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('line 1: PERSON [6, 20) "zorblat quindt" ');
    expect(r.stdout).toContain('line 1: LOCATION [26, 33) "vrellin" ');
    expect(r.stdout).toContain('1 lines, 1 with PII, 3 entities: LOCATION 1, PERSON 1, PHONE_NUMBER 1.');
  });
});
