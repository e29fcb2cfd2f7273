// Who used the machine's CPUs during the serve benchmark's window, from /proc (Linux only): the
// server, the load generator, PostgreSQL, and everything else — on a shared machine "everything
// else" says whether the figures are clean. Also the server main thread's run-queue wait.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** utime + stime of a process (all its threads), in ms. */
function processCpuMs(stat) {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

export function cpuSnapshot(serverPid) {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line) return undefined;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = v[0] + v[1] + v[2] + v[5] + v[6];
  let postgresMs = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (stat?.includes('(postgres)')) postgresMs += processCpuMs(stat);
  }
  const sched = read(`/proc/${serverPid}/task/${serverPid}/schedstat`)?.split(' ');
  return {
    t: performance.now(),
    busyMs: busy * TICK_MS,
    stealMs: (v[7] ?? 0) * TICK_MS,
    iowaitMs: v[4] * TICK_MS,
    postgresMs,
    serverMs: processCpuMs(read(`/proc/${serverPid}/stat`) ?? ''),
    selfMs: processCpuMs(read(`/proc/${process.pid}/stat`) ?? ''),
    serverRunMs: sched ? Number(sched[0]) / 1e6 : Number.NaN,
    serverWaitMs: sched ? Number(sched[1]) / 1e6 : Number.NaN,
  };
}

/** Percentages of one core over the window between two snapshots. */
export function cpuWindow(a, b) {
  if (!a || !b) return undefined;
  const wall = b.t - a.t;
  const pct = (k) => (100 * (b[k] - a[k])) / wall;
  const server = pct('serverMs');
  const client = pct('selfMs');
  const postgres = pct('postgresMs');
  const busy = pct('busyMs');
  return {
    server,
    client,
    postgres,
    other: Math.max(0, busy - server - client - postgres),
    steal: pct('stealMs'),
    iowait: pct('iowaitMs'),
    serverRun: pct('serverRunMs'),
    serverWait: pct('serverWaitMs'),
  };
}
