import { vi } from 'vitest';
import { run } from '../../src/cli/program.js';

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tandem ARGS` in this process through the real program (src/cli/program.ts), capturing what
 * it writes. Faster than spawning the built bin, and it runs the TypeScript sources under test.
 */
export async function runInProcess(args: string[]): Promise<CliOutput> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: unknown, ...rest: unknown[]) => {
    out.push(String(s));
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown, ...rest: unknown[]) => {
    err.push(String(s));
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  });
  try {
    const code = await run(['node', 'tandem', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}
