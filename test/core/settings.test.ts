import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../../src/core/errors.js';
import { canonicalJson, contentHash } from '../../src/core/hash.js';
import { datasetSettings, recordFieldsSchema, responseValuesSchema } from '../../src/core/settings.js';
import { parseSettings, settingsJsonSchema } from '../../src/core/settings-file.js';

function parseError(text: string): TandemError {
  try {
    parseSettings(text, 'settings.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(TandemError);
    return e as TandemError;
  }
  throw new Error('expected an error');
}

const good = `
fields:
  - name: conversation
    type: chat
  - name: summary
    type: text
    required: false
questions:
  - name: grammar
    type: rating
    values: [1, 2, 3, 4, 5]
  - name: factual
    type: label
    options: [correct, minor_error, major_error]
  - name: fix
    type: text
    corrects: conversation
  - name: entities
    type: span
    field: summary
    labels: [PERSON, ORG]
guidelines: "Rate the **agent**."
`;

describe('settings files', () => {
  it('parses YAML, normalises options and applies defaults', () => {
    const s = parseSettings(good, 's.yaml');
    expect(s.fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['conversation', 'chat', true],
      ['summary', 'text', false],
    ]);
    const factual = s.questions[1]!;
    expect(factual.type === 'label' && factual.options).toEqual([
      { value: 'correct' },
      { value: 'minor_error' },
      { value: 'major_error' },
    ]);
    expect(s.distribution.responsesPerRecord).toBe(1);
    expect(s.languages).toEqual([]);
  });

  it('parses the same settings written as JSON', () => {
    const s = parseSettings(JSON.stringify({ fields: [{ name: 'text', type: 'text' }] }), 's.json');
    expect(s.fields[0]!.name).toBe('text');
  });

  it('names an unknown key with its line and column', () => {
    const e = parseError('fields:\n  - name: text\n    type: text\n    colour: red\n');
    expect(e.code).toBe('bad_input');
    expect(e.location).toEqual({ file: 'settings.yaml', line: 4, column: 5 });
    expect(e.message).toContain("unknown key 'colour'");
    expect(e.message).toContain('fields.0.colour');
  });

  it('names a wrong value with its line', () => {
    const e = parseError('fields:\n  - name: text\n    type: txt\n');
    expect(e.location?.line).toBe(3);
    expect(e.message).toContain('fields.0.type');
  });

  it('reports YAML syntax errors with a line', () => {
    const e = parseError('fields:\n  - name: [unclosed\n');
    expect(e.code).toBe('bad_input');
    expect(e.location?.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects an empty file and a missing fields key', () => {
    expect(parseError('').message).toContain('empty');
    expect(parseError('questions: []\n').message).toContain('fields');
  });

  it('checks references between questions and fields', () => {
    const e = parseError(
      'fields:\n  - {name: a, type: text}\nquestions:\n  - {name: q, type: text, corrects: b}\n',
    );
    expect(e.message).toContain("names field 'b'");
    expect(e.location?.line).toBe(4);
    const dup = parseError('fields:\n  - {name: a, type: text}\n  - {name: a, type: chat}\n');
    expect(dup.message).toContain("duplicate name 'a'");
    expect(dup.location?.line).toBe(3);
    const span = parseError(
      'fields:\n  - {name: c, type: chat}\nquestions:\n  - {name: s, type: span, field: c, labels: [A, B]}\n',
    );
    expect(span.message).toContain('spans tag a text');
  });

  it('rejects bad identifiers and language codes', () => {
    expect(parseError('fields:\n  - {name: "has space", type: text}\n').message).toContain('fields.0.name');
    expect(parseError('fields:\n  - {name: a, type: text}\nlanguages: [english]\n').message).toContain(
      'ISO 639-1',
    );
  });
});

describe('value schemas derived from settings', () => {
  const s = parseSettings(good, 's.yaml');

  it('validates record fields by type and requiredness', () => {
    const schema = recordFieldsSchema(s);
    expect(schema.safeParse({ conversation: [{ role: 'user', content: 'hi' }] }).success).toBe(true);
    expect(schema.safeParse({ conversation: 'hi' }).success).toBe(false);
    expect(schema.safeParse({ summary: 'x' }).success).toBe(false);
    expect(schema.safeParse({ conversation: [{ role: 'robot', content: 'x' }] }).success).toBe(false);
    expect(schema.safeParse({ conversation: [{ role: 'user', content: 'x' }], extra: 1 }).success).toBe(
      false,
    );
  });

  it('validates answers by question type; a correction has the shape of its field', () => {
    const schema = responseValuesSchema(s);
    expect(schema.safeParse({ grammar: 4, factual: 'correct' }).success).toBe(true);
    expect(schema.safeParse({ grammar: 6 }).success).toBe(false);
    expect(schema.safeParse({ factual: 'maybe' }).success).toBe(false);
    expect(schema.safeParse({ fix: [{ role: 'assistant', content: 'fixed' }] }).success).toBe(true);
    expect(schema.safeParse({ fix: 'a string is not a conversation' }).success).toBe(false);
    expect(schema.safeParse({ entities: [{ start: 0, end: 4, label: 'PERSON' }] }).success).toBe(true);
    expect(schema.safeParse({ entities: [{ start: 4, end: 4, label: 'PERSON' }] }).success).toBe(false);
    expect(schema.safeParse({ entities: [{ start: 0, end: 4, label: 'CITY' }] }).success).toBe(false);
    expect(schema.safeParse({ unknown: 1 }).success).toBe(false);
  });

  it('validates ranking and preference answers', () => {
    const p = datasetSettings.parse({
      fields: [
        { name: 'a', type: 'text' },
        { name: 'b', type: 'text' },
      ],
      questions: [
        { name: 'rank', type: 'ranking', options: ['x', 'y'] },
        { name: 'pref', type: 'preference', options: ['a', 'b'] },
      ],
    });
    const schema = responseValuesSchema(p);
    expect(
      schema.safeParse({
        rank: [
          { value: 'x', rank: 1 },
          { value: 'y', rank: 2 },
        ],
      }).success,
    ).toBe(true);
    expect(schema.safeParse({ rank: [{ value: 'x', rank: 1 }] }).success).toBe(false);
    expect(schema.safeParse({ pref: { choice: 'A', strength: 'clear' } }).success).toBe(true);
    expect(schema.safeParse({ pref: { choice: 'C' } }).success).toBe(false);
  });
});

describe('JSON Schema for editors', () => {
  it('describes the settings file and matches the committed copy', () => {
    const schema = settingsJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['fields', 'questions', 'metadata', 'guidelines', 'distribution', 'languages']),
    );
    expect(schema.required).toEqual(['fields']);
    const committed = JSON.parse(
      readFileSync(new URL('../../schemas/settings.schema.json', import.meta.url), 'utf8'),
    );
    // `npm run schema` regenerates it; this fails when the zod schema changed without it.
    expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});

describe('content hash', () => {
  it('ignores key order and changes with content', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: 1 }] })).toBe('{"a":[{"x":1,"y":2}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{32}$/);
  });
});
