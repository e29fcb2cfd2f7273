import { spawnSync } from 'node:child_process';

/**
 * Runs a command under GNU time and returns wall seconds, CPU seconds (user+sys: less sensitive to a
 * busy machine than wall) and peak RSS (MB) of the whole process,
 * so the figure includes everything the CLI allocates, not just what a harness can see.
 */
export function timed(cmd, args, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M %U %S', cmd, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const m = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  }
  return {
    seconds: Number(m[1]),
    peakMB: Number(m[2]) / 1024,
    cpuSeconds: Number(m[3]) + Number(m[4]),
    stdout: r.stdout,
  };
}
