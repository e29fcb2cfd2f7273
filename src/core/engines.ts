/**
 * Optional engines: large packages (node-llama-cpp for the `llamacpp:` provider, transformers.js for
 * the PII model) that are not dependencies, because most installs never use them. One is looked for
 * where Node would find it from Tandem's own files, then in an engines folder (`TANDEM_ENGINES_DIR`,
 * else `.engines/` in the working directory or in Tandem's own folder), which is where the install
 * commands (`npm install --no-save --prefix .engines …`) put it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where an engines folder may be: the setting, the working directory, Tandem's own folder. */
export function engineDirs(): string[] {
  // src/core, dist/core or dist/bin (the bundled CLI): Tandem's folder is two levels up from each.
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs = [
    process.env.TANDEM_ENGINES_DIR,
    join(process.cwd(), '.engines'),
    resolve(here, '../../.engines'),
  ];
  return [...new Set(dirs.filter((d): d is string => !!d))];
}

/** The entry file of package `name`, or undefined when it is installed nowhere we look. */
export function locateEnginePackage(name: string, dirs: string[] = engineDirs()): string | undefined {
  for (const base of [fileURLToPath(import.meta.url), ...dirs.map((d) => join(d, 'package.json'))]) {
    try {
      if (base.endsWith('package.json') && !existsSync(dirname(base))) continue;
      return createRequire(base).resolve(name);
    } catch {
      // not there: try the next place
    }
  }
  return undefined;
}

/** What to say when an engine is missing: who needs it, and the one command that installs it. */
export function missingEngineMessage(user: string, name: string, install: string): string {
  return `${user} needs ${name}, which is not installed by default (it is large). Install it with:\n  ${install}\n(in the folder you run tandem from, or set TANDEM_ENGINES_DIR to the folder given to --prefix)`;
}

/**
 * A loader that imports package `name` once, on first use. When the package is missing it throws
 * `missing()` and tries again on the next call (the engine may have been installed since).
 */
export function engineLoader<T>(name: string): (missing: () => Error) => Promise<T> {
  let loading: Promise<T> | undefined;
  return (missing) => {
    loading ??= (async () => {
      const entry = locateEnginePackage(name);
      if (!entry) {
        loading = undefined;
        throw missing();
      }
      return (await import(pathToFileURL(entry).href)) as T;
    })();
    return loading;
  };
}
