import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TandemError } from '../../../src/core/errors.js';
import { loadRecipe } from '../../../src/stages/generate/recipe/load.js';
import {
  compileTemplate,
  renderTemplate,
  TEMPLATE_LIMITS,
  templateEngine,
} from '../../../src/stages/generate/templates.js';

/** A folder holding a recipe's partials, a secret beside it, and a symlink out of it. */
function world() {
  const top = mkdtempSync(join(tmpdir(), 'tandem-tpl-'));
  const dir = join(top, 'recipe');
  mkdirSync(join(dir, 'parts'), { recursive: true });
  writeFileSync(join(top, '.env'), 'SECRET=hunter2');
  writeFileSync(join(dir, 'parts', 'greet.liquid'), 'hello {{ who }}');
  symlinkSync(join(top, '.env'), join(dir, 'link.liquid'));
  return { top, dir };
}

function failure(f: () => unknown): TandemError | Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('template file access', () => {
  it('reads no file by default, whatever the tag or path', () => {
    const { top } = world();
    for (const src of [
      `{% include '${join(top, '.env')}' %}`,
      "{% include '.env' %}",
      "{% render 'package.json' %}",
      "{% layout 'README.md' %}x",
    ]) {
      const e = failure(() => renderTemplate(compileTemplate(src), {}));
      expect(e.message, src).toMatch(/templates may not read files/);
      expect(e.message).not.toContain('hunter2');
    }
  });

  it('reads inside the recipe folder when allowed, and never outside it', () => {
    const { top, dir } = world();
    const engine = templateEngine({ kind: 'folder', dir });
    const render = (src: string) => renderTemplate(compileTemplate(src, { engine }), { who: 'ana' });
    expect(render("{% include 'parts/greet.liquid' %}!")).toBe('hello ana!');
    expect(render("{% render 'parts/greet.liquid', who: 'bo' %}")).toBe('hello bo');
    for (const src of [
      "{% include '../.env' %}",
      `{% include '${join(top, '.env')}' %}`,
      "{% include 'link.liquid' %}",
      "{% include 'parts/../../.env' %}",
    ]) {
      const e = failure(() => render(src));
      expect(e.message, src).toMatch(/inside the recipe's folder only|relative path|Failed to lookup|ENOENT/);
      expect(e.message).not.toContain('hunter2');
    }
  });

  it('a recipe opts in with template_files, and a refused include names the recipe line', () => {
    const { dir } = world();
    const file = join(dir, 'r.yaml');
    const recipe = (extra: string, expression: string) =>
      `name: r\n${extra}columns:\n  - name: x\n    expression: "${expression}"\n`;
    const allowed = loadRecipe(
      recipe('template_files: recipe-folder\n', "{% include 'parts/greet.liquid', who: 'z' %}"),
      file,
    );
    const col = allowed.columns[0]!;
    expect(col.kind === 'expression' && renderTemplate(col.template, {})).toBe('hello z');
    const refused = failure(() => loadRecipe(recipe('', "{% include 'parts/greet.liquid' %}"), file));
    expect(refused).toMatchObject({ code: 'bad_input', location: { file, line: 4 } });
    expect(refused.message).toMatch(/templates may not read files/);
    // An error while rendering is the recipe's too: bad input at the template's line.
    const runaway = loadRecipe(recipe('', '{% for i in (1..100000000) %}x{% endfor %}'), file);
    const c2 = runaway.columns[0]!;
    const e = failure(() => c2.kind === 'expression' && renderTemplate(c2.template, {})) as TandemError;
    expect(e.code).toBe('bad_input');
    expect(e.location).toMatchObject({ file, line: 4 });
  });
});

describe('template limits', () => {
  it('are the documented ones', () => {
    expect(TEMPLATE_LIMITS).toEqual({
      parseLimit: 1_000_000,
      renderLimit: 5_000,
      memoryLimit: 64 * 1024 * 1024,
      outputLimit: 4 * 1024 * 1024,
    });
  });

  it('stop a render that runs too long, allocates too much or writes too much, as bad input', () => {
    const small = templateEngine({ kind: 'none' }, { ...TEMPLATE_LIMITS, renderLimit: 50 });
    const slow = compileTemplate('{% for i in (1..5000) %}{% for j in (1..5000) %}{% endfor %}{% endfor %}', {
      engine: small,
    });
    expect(failure(() => renderTemplate(slow, {}))).toMatchObject({ code: 'bad_input' });
    const big = compileTemplate('{% for i in (1..100000000) %}x{% endfor %}');
    expect(failure(() => renderTemplate(big, {})).message).toMatch(/memory/i);
    const wide = compileTemplate('{% for i in (1..5000) %}{{ s }}{% endfor %}');
    expect(failure(() => renderTemplate(wide, { s: 'y'.repeat(1000) })).message).toMatch(
      /more than the limit/,
    );
    expect(() => compileTemplate('x'.repeat(TEMPLATE_LIMITS.parseLimit + 1))).toThrow(/parse length limit/);
  });
});
