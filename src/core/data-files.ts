import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file shipped under the package's `data/` folder (lexicons, swap lists). Found by walking up from
 * this module, because the module sits at a different depth in src/, dist/ (tsc) and dist/bin/ (the
 * bundled CLI, where a fixed `../../../../data` pointed at the file system's root).
 */
export function dataFile(relative: string): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; ) {
    const candidate = join(dir, 'data', relative);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return join(start, '..', '..', 'data', relative);
    dir = up;
  }
}
