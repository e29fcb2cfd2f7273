import { describe, expect, it } from 'vitest';
import { datasetSettings } from '../../../src/core/settings.js';
import { RowMapper } from '../../../src/stages/import/row-mapper.js';

const settings = datasetSettings.parse({
  fields: [
    { name: 'text', type: 'text' },
    { name: 'constructor', type: 'text', required: false },
    { name: 'toString', type: 'text', required: false },
  ],
  questions: [{ name: 'ok', type: 'label', options: ['yes', 'no'] }],
});
const mapper = new RowMapper(settings, { idColumn: 'id', fields: new Map([['text', 'text']]) }, () => ({
  origin: 'human',
  author: 'test',
}));

describe('import mapping reads own properties only', () => {
  it('maps a row lacking fields named like Object.prototype members', () => {
    const m = mapper.map(JSON.parse('{"id": 1, "text": "hello"}'), 1);
    expect(m).toMatchObject({ ok: true, record: { fields: { text: 'hello' } } });
    if (m.ok) expect(Object.keys(m.record.fields)).toEqual(['text']);
  });

  it('keeps a top-level __proto__ column as metadata, as data', () => {
    const m = mapper.map(JSON.parse('{"id": 2, "text": "hi", "__proto__": {"polluted": true}}'), 1);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(Object.hasOwn(m.record.metadata, '__proto__')).toBe(true);
    expect(JSON.stringify(m.record.metadata)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats an id column inherited from the prototype as absent', () => {
    const m = new RowMapper(settings, { idColumn: 'constructor', fields: new Map() }, () => ({
      origin: 'human',
      author: 'test',
    })).map(JSON.parse('{"text": "x"}'), 1);
    expect(m).toMatchObject({ ok: true, record: { externalId: expect.stringMatching(/^sha:/) } });
  });
});
