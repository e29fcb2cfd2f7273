import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/text/pii/analyze.js';
import {
  type LabelledToken,
  loadPiiModel,
  locateModelEngine,
  MissingModelEngine,
  mergeFindings,
  spansOf,
  windows,
} from '../../src/text/pii/model.js';
import { writeTinyNerModel } from '../helpers/tiny-ner-model.js';

/**
 * The model-based PII recognizer. The alignment of tokens to text and the grouping of B-/I- tags are
 * tested without the engine; the whole path (transformers.js loading an ONNX model from disk, offline)
 * on a tiny model the test writes itself (test/helpers/tiny-ner-model.ts). The engine is optional (not
 * in package.json): `.ci/run` installs it into .engines/. Without it those tests are skipped — except
 * in CI, where its absence is a failure.
 */

const installed = locateModelEngine() !== undefined;
const tok = (surface: string, label: string, score = 0.99): LabelledToken => ({ surface, label, score });

describe('spansOf', () => {
  it('groups B-/I- tags into spans at their offsets in the text, the lowest token score for the span', () => {
    const text = 'Hello Maria Garcia, welcome to Lisboa!';
    const tokens = [
      tok('', 'O'),
      tok('hello', 'O'),
      tok('maria', 'B-PER', 0.97),
      tok('garcia', 'I-PER', 0.91),
      tok(',', 'O'),
      tok('welcome', 'O'),
      tok('to', 'O'),
      tok('lisboa', 'B-LOC'),
      tok('!', 'O'),
    ];
    expect(spansOf(text, tokens)).toEqual([
      { type: 'PERSON', start: 6, end: 18, text: 'Maria Garcia', score: 0.91 },
      { type: 'LOCATION', start: 31, end: 37, text: 'Lisboa', score: 0.99 },
    ]);
  });

  it('joins word pieces glued to the previous token, starts a new span at B-, drops ORG and MISC', () => {
    const text = 'Ask Annabelle about Acme, then Tom Li.';
    const tokens = [
      tok('ask', 'O'),
      tok('anna', 'B-PER'),
      tok('belle', 'B-PER'),
      tok('about', 'O'),
      tok('acme', 'B-ORG'),
      tok('then', 'O'),
      tok('tom', 'B-PER'),
      tok('li', 'B-PER'),
    ];
    expect(spansOf(text, tokens).map((e) => e.text)).toEqual(['Annabelle', 'Tom', 'Li']);
  });

  it('passes over tokens it cannot find and adds the window offset', () => {
    const text = 'xxxx Maria';
    expect(spansOf(text, [tok('[UNK]', 'O'), tok('maria', 'PER')], 5)).toEqual([
      { type: 'PERSON', start: 5, end: 10, text: 'Maria', score: 0.99 },
    ]);
  });
});

describe('windows', () => {
  it('cuts long texts at spaces into windows that cover the text', () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const w = windows(text);
    expect(w.length).toBeGreaterThan(1);
    expect(w[0]![0]).toBe(0);
    expect(w.at(-1)![1]).toBe(text.length);
    for (let i = 1; i < w.length; i++) {
      expect(w[i]![0]).toBe(w[i - 1]![1]);
      expect(text[w[i]![0]]).toBe(' ');
    }
  });
});

describe('mergeFindings', () => {
  it('keeps the rules, adds model spans that do not overlap a stronger finding, and only wanted types', () => {
    const text = 'Write to maria@example.com, Ximena Quispe.';
    const rules = analyze(text);
    const model = [
      { type: 'PERSON' as const, start: 9, end: 14, text: 'maria', score: 0.9 },
      { type: 'PERSON' as const, start: 28, end: 41, text: 'Ximena Quispe', score: 0.9 },
    ];
    expect(mergeFindings(rules, model).map((e) => [e.type, e.text])).toEqual([
      ['EMAIL_ADDRESS', 'maria@example.com'],
      ['PERSON', 'Ximena Quispe'],
    ]);
    const emailsOnly = analyze(text, { entities: ['EMAIL_ADDRESS'] });
    expect(mergeFindings(emailsOnly, model, ['EMAIL_ADDRESS']).map((e) => e.type)).toEqual(['EMAIL_ADDRESS']);
  });
});

it('has the model engine installed in CI', () => {
  if (process.env.CI) expect(installed).toBe(true);
});

it('says how to install the engine when it is missing', () => {
  expect(locateModelEngine(['/nonexistent-engines'])).toBeUndefined();
  expect(new MissingModelEngine().message).toContain(
    'npm install --no-save --ignore-scripts --prefix .engines',
  );
});

it('refuses a folder without a model', async () => {
  await expect(loadPiiModel({ path: '/nonexistent-model' })).rejects.toThrow(
    /config\.json and tokenizer\.json/,
  );
});

describe.skipIf(!installed)('model recognizer on a tiny model', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pii-model-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = writeTinyNerModel(join(dir, 'tiny-ner'), {
    zorblat: 'B-PER',
    quindt: 'I-PER',
    vrellin: 'B-LOC',
    acme: 'B-ORG',
  });

  it('labels the known tokens, offline, and merges them with the rules', async () => {
    const model = await loadPiiModel({ path, threshold: 0.8 });
    // Lowercase and made-up: no rule finds these words.
    const text = 'i met zorblat quindt from vrellin at acme, call +1 415 555 2671.';
    const found = await model.find(text);
    expect(found.map((e) => [e.type, e.text, e.start])).toEqual([
      ['PERSON', 'zorblat quindt', 6],
      ['LOCATION', 'vrellin', 26],
    ]);
    expect(found.every((e) => e.score >= 0.99)).toBe(true);
    // The rules alone know neither the name nor the town; merged, the phone number stays too.
    const rules = analyze(text);
    expect(rules.map((e) => e.type)).toEqual(['PHONE_NUMBER']);
    expect(mergeFindings(rules, found).map((e) => [e.type, e.text])).toEqual([
      ['PERSON', 'zorblat quindt'],
      ['LOCATION', 'vrellin'],
      ['PHONE_NUMBER', '+1 415 555 2671'],
    ]);
  });

  it('drops findings under its threshold', async () => {
    // The tiny model's scores are ~0.998: a threshold above that leaves nothing.
    const model = await loadPiiModel({ path, threshold: 0.9999 });
    expect(await model.find('zorblat quindt')).toEqual([]);
  });
});
