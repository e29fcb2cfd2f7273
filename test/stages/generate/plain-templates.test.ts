import { describe, expect, it } from 'vitest';
import { compileTemplate, liquid, renderTemplate } from '../../../src/stages/generate/templates.js';

/** What the engine itself renders, bypassing the plain path. */
const byEngine = (source: string, row: Record<string, unknown>) =>
  liquid.renderSync(liquid.parse(source), { ...row }) as string;

const row = {
  topic: 'tents & "boots"',
  row_index: 17,
  price: 0.1,
  customer: { name: 'Ana', address: { city: 'Lima' }, tags: ['a', 'b'] },
  flag: true,
  nothing: null,
  list: ['x', 'y'],
};

describe('plain templates (text and {{ name.key }} only) render like the engine', () => {
  it('marks only text-and-output templates plain', () => {
    expect(compileTemplate('About {{ topic }} (row {{row_index}}).').plain).toBeDefined();
    expect(compileTemplate('{{ customer.address.city }}').plain).toBeDefined();
    expect(compileTemplate('{{ topic | upcase }}').plain).toBeUndefined();
    expect(compileTemplate('{% if flag %}y{% endif %}').plain).toBeUndefined();
    expect(compileTemplate('{{- topic -}}').plain).toBeUndefined();
    expect(compileTemplate('{{ list.size }}').plain).toBeUndefined();
  });

  it('gives the engine’s output for strings, numbers and nested keys, and falls back for the rest', () => {
    for (const source of [
      'About {{ topic }} (row {{row_index}}), {{ price }}.',
      'Dear {{ customer.name }} of {{ customer.address.city }}',
      'no outputs at all',
      'flag={{ flag }} nothing={{ nothing }} list={{ list }} tags={{ customer.tags }}',
      '{{ customer.address }}',
    ])
      expect(renderTemplate(compileTemplate(source), row)).toBe(byEngine(source, row));
  });

  it('still reports a missing name (strict variables) and never reads a prototype', () => {
    expect(() => renderTemplate(compileTemplate('{{ missing }}'), row)).toThrow(/missing/);
    // Not own properties: the engine decides (ownPropertyOnly), exactly as without the plain path.
    const outcome = (f: () => string) => {
      try {
        return f();
      } catch (e) {
        return `threw: ${(e as Error).message.replace('template failed to render: ', '').split(',')[0]}`;
      }
    };
    for (const source of ['{{ customer.constructor }}', '{{ topic.length }}', '{{ customer.toString }}'])
      expect(outcome(() => renderTemplate(compileTemplate(source), row))).toBe(
        outcome(() => byEngine(source, row)),
      );
    expect(() => renderTemplate(compileTemplate('[{{ customer.constructor }}]'), row)).toThrow(
      /undefined variable/,
    );
  });
});
