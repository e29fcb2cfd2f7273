import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { badInput } from '../../../core/errors.js';

const hasWildcard = (path: string): boolean => /[*?]/.test(path);

/**
 * The files a seed path names, sorted by name so every process hands out rows in the same order.
 * Wildcards (`*` any run of characters, `?` one) are allowed in the file name only: a folder given
 * literally keeps a recipe from sweeping a whole tree by accident. Relative to the recipe's folder.
 */
export function seedFiles(pattern: string, recipeDir: string, at: { file: string; line?: number }): string[] {
  const path = resolve(recipeDir, pattern);
  if (!hasWildcard(path)) return [path];
  const dir = dirname(path);
  if (/[*?]/.test(dir))
    throw badInput(`seed.file '${pattern}': wildcards are allowed in the file name only, not in folders`, at);
  const re = new RegExp(
    `^${basename(path)
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
    's',
  );
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw badInput(`seed.file '${pattern}': folder '${dir}' cannot be read`, at);
  }
  const files = names
    .filter((n) => re.test(n) && !n.startsWith('.'))
    .sort()
    .map((n) => resolve(dir, n))
    .filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
  if (files.length === 0) throw badInput(`seed.file '${pattern}' matches no file`, at);
  return files;
}
