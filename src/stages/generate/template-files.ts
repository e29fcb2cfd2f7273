import { readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import type { FS } from 'liquidjs';

/**
 * What LiquidJS may read for `{% include %}`, `{% render %}` and `{% layout %}`. Left to itself it
 * reads any file the process can (a recipe's `{% include '.env' %}` stored a secret in a record).
 * By default nothing; a recipe that opts in (`template_files: recipe-folder`) reads files inside its
 * own folder, checked on the real path, so neither `..`, an absolute path nor a symlink leads out.
 */

const refuse = (file: string): never => {
  throw new Error(
    `templates may not read files ('${file}'); set 'template_files: recipe-folder' to include files from the recipe's folder`,
  );
};

/** No file exists to a template: every read is refused with a message that says how to allow it. */
export const noFiles: FS = {
  exists: async () => true,
  existsSync: () => true,
  readFile: async (file) => refuse(file),
  readFileSync: (file) => refuse(file),
  resolve: (_dir, file) => file,
  contains: async () => true,
  containsSync: () => true,
  sep: '/',
  dirname: (file) => file,
};

/** Files inside `dir` (by their real path) and nothing else. */
export function filesInside(dir: string): FS {
  const root = realpathSync(dir);
  const inside = (file: string): boolean => {
    try {
      const real = realpathSync(file);
      return real === root || real.startsWith(root + sep);
    } catch {
      return false;
    }
  };
  const checked = (file: string): string => {
    if (!inside(file))
      throw new Error(`templates may read files inside the recipe's folder only; '${file}' is not`);
    return file;
  };
  return {
    exists: async (file) => inside(file),
    existsSync: inside,
    readFile: async (file) => readFile(checked(file), 'utf8'),
    readFileSync: (file) => readFileSync(checked(file), 'utf8'),
    resolve: (base, file, ext) => {
      if (isAbsolute(file)) throw new Error(`templates include files by a relative path, not '${file}'`);
      return resolve(base, file + (ext && !file.endsWith(ext) ? ext : ''));
    },
    contains: async (_root, file) => inside(file),
    containsSync: (_root, file) => inside(file),
    sep,
    dirname,
  };
}
