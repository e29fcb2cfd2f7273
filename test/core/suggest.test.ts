import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/core/settings-file.js';
import { didYouMean, editDistance, nearest } from '../../src/core/suggest.js';

describe('did you mean', () => {
  it('measures edits and picks the nearest names', () => {
    expect(editDistance('typ', 'type')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('suport', ['support', 'support2', 'grounded-qa'])).toEqual(['support', 'support2']);
    expect(nearest('zzz', ['support'])).toEqual([]);
    expect(didYouMean('questons', ['fields', 'questions'])).toBe(" (did you mean 'questions'?)");
    expect(didYouMean('x', [])).toBe('');
  });
});

const bad = (text: string) => {
  try {
    parseSettings(text, 'settings.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('parsed');
};

describe('settings file errors', () => {
  it('names a misspelt discriminator as an unknown key, on its own line', () => {
    expect(bad('fields:\n  - name: text\n    typ: text\n')).toBe(
      "settings.yaml:3:5: fields.0.typ: unknown key 'typ' (did you mean 'type'?)",
    );
  });

  it('suggests the key meant for an unknown key, from the keys allowed there', () => {
    expect(bad('fields:\n  - name: text\n    type: text\nquestons: []\n')).toBe(
      "settings.yaml:4:1: questons: unknown key 'questons' (did you mean 'questions'?)",
    );
    expect(bad('fields:\n  - name: text\n    type: text\n    requird: true\n')).toContain(
      "unknown key 'requird' (did you mean 'required'?)",
    );
    expect(bad('fields:\n  - name: text\n    type: text\n    colour: red\n')).toContain(
      "unknown key 'colour'",
    );
  });

  it('says a discriminator is missing when nothing near it is there', () => {
    expect(bad('fields:\n  - name: text\n')).toContain("fields.0: missing key 'type'");
  });
});
