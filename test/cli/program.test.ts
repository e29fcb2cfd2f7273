import { describe, expect, it } from 'vitest';
import { buildProgram, commandTable, invokedCommand } from '../../src/cli/program.js';
import { runInProcess } from '../helpers/in-process.js';

describe('lazy command loading', () => {
  it('finds the invoked command past global options', () => {
    expect(invokedCommand(['--version'])).toBeUndefined();
    expect(invokedCommand([])).toBeUndefined();
    expect(invokedCommand(['datasets', 'list'])).toBe('datasets');
    expect(invokedCommand(['--db', 'x.db', '--json', 'export', '--dataset', 'd'])).toBe('export');
    expect(invokedCommand(['--json', 'help', 'import'])).toBe('import');
    expect(invokedCommand(['help'])).toBe('help');
  });

  it('loads only the invoked command; the others are stubs with the same name and usage', async () => {
    const program = await buildProgram(['datasets']);
    const datasets = program.commands.find((c) => c.name() === 'datasets')!;
    expect(datasets.commands.map((c) => c.name())).toContain('list');
    const stub = program.commands.find((c) => c.name() === 'import')!;
    expect(stub.commands).toHaveLength(0);
    expect(stub.options).toHaveLength(0);
  });

  it('lists each command in help as its own file registers it', async () => {
    const real = await buildProgram('all');
    const table = commandTable();
    expect(real.commands.map((c) => c.name())).toEqual(table.map((c) => c.name));
    for (const entry of table) {
      const c = real.commands.find((x) => x.name() === entry.name)!;
      expect(c.description(), entry.name).toBe(entry.description);
      const args = c.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
      expect([entry.name, ...args].join(' '), entry.name).toBe(entry.usage);
    }
  });

  it('runs a lazily loaded command and prints help for one not loaded', async () => {
    const help = await runInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('import <file>');
    const sub = await runInProcess(['help', 'export']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--format');
    const typo = await runInProcess(['imprt']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean import?');
  });
});

describe('progress off a terminal', () => {
  it('writes plain periodic lines with the rate and ETA', async () => {
    const { progress } = await import('../../src/cli/output.js');
    const lines: string[] = [];
    const write = process.stderr.write;
    const tty = process.stderr.isTTY;
    process.env.TANDEM_PROGRESS_SECONDS = '0.1';
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    process.stderr.write = ((s: string) => lines.push(s) > 0) as typeof process.stderr.write;
    try {
      const bar = progress('export openai', 1000);
      await new Promise((r) => setTimeout(r, 150));
      bar.update(250);
      bar.update(260); // within the interval: no line
      bar.stop();
    } finally {
      process.stderr.write = write;
      Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
      delete process.env.TANDEM_PROGRESS_SECONDS;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^export openai: 250 of 1,000 \(25%\), [\d,]+\/s, ETA \d+ s\n$/);
  });
});
