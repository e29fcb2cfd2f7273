import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/core/yaml-source.js';

const bomb = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
].join('\n');

describe('YAML files', () => {
  it('refuse an alias bomb as bad input with file and line, not an internal error', () => {
    let error: unknown;
    try {
      loadYaml(bomb, 'recipe.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'bad_input', location: { file: 'recipe.yaml', line: 2 } });
    expect((error as Error).message).toMatch(/^recipe\.yaml:2:\d+: too many aliases/);
  });

  it('still expand a few aliases', () => {
    expect(loadYaml('a: &a {x: 1}\nb: *a\n', 's.yaml').data).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
});
