import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { SourceItem } from '../../src/io/rows.js';

/** A temporary folder removed after the test file, and a writer of numbered fixture files in it. */
export function fixtures(
  prefix: string,
  defaultExt: string,
): (content: string | Buffer, ext?: string) => string {
  const dir = mkdtempSync(join(tmpdir(), `tandem-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return (content, ext = defaultExt) => {
    const file = join(dir, `f${n++}${ext}`);
    writeFileSync(file, content);
    return file;
  };
}

/** Every item of a batched reader, flattened. */
export async function collect(it: AsyncIterable<SourceItem[]>): Promise<SourceItem[]> {
  const out: SourceItem[] = [];
  for await (const batch of it) out.push(...batch);
  return out;
}
