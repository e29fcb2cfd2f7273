import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';
import { exitCodeFor, isTandemError } from '../core/errors.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

/** Prints a command's result: one JSON document with --json, else the human text. */
export function emit(opts: GlobalOptions, json: unknown, human: () => string): void {
  if (opts.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`${human()}\n`);
}

/** Notes for people go to stderr, so stdout stays clean for data and JSON. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

export interface Progress {
  update(value: number, total?: number): void;
  stop(): void;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Progress of long work on stderr: a bar with rate and ETA on a terminal; otherwise (a log file, CI)
 * a plain line every TANDEM_PROGRESS_SECONDS (default 10), so the log shows it moving without
 * filling up with redraws.
 */
export function progress(label: string, total = 0): Progress {
  if (!process.stderr.isTTY) return progressLines(label, total);
  // Required here, not imported at the top: only long commands on a terminal draw a bar.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof cliProgressModule;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: total
        ? `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`
        : `${label} {value} rows | {rate}/s`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: 0 });
  return {
    update(value, t) {
      if (t !== undefined && t !== total) {
        total = t;
        bar.setTotal(t);
      }
      const secs = (Date.now() - started) / 1000;
      bar.update(value, { rate: secs > 0 ? Math.round(value / secs) : 0 });
    },
    stop() {
      bar.stop();
    },
  };
}

/** Plain progress lines for a stderr that is not a terminal. */
function progressLines(label: string, total: number): Progress {
  const every = Math.max(0.1, Number(process.env.TANDEM_PROGRESS_SECONDS ?? 10)) * 1000;
  const started = Date.now();
  let last = started;
  return {
    update(value, t) {
      if (t !== undefined) total = t;
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      const rate = value / ((now - started) / 1000);
      const of = total ? ` of ${count(total)} (${Math.floor((100 * value) / total)}%)` : '';
      const eta = total && rate > 0 && value < total ? `, ETA ${Math.ceil((total - value) / rate)} s` : '';
      note(`${label}: ${count(value)}${of}, ${count(Math.round(rate))}/s${eta}`);
    },
    stop() {},
  };
}

/**
 * A command that has already said why it failed (its summary is printed): the process exits with
 * `code` and nothing more is printed.
 */
export class CommandFailed extends Error {
  constructor(readonly code: 1 | 2) {
    super(`exit ${code}`);
  }
}

/** Turns any failure into a message and the contract's exit code; stack traces only for bugs. */
export function reportError(e: unknown, json: boolean): number {
  const code = exitCodeFor(e);
  if (isTandemError(e)) {
    if (json) {
      const error = { code: e.code, message: e.message, ...(e.location ? { location: e.location } : {}) };
      process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    }
    process.stderr.write(`error: ${e.message}\n`);
  } else {
    const err = e as Error;
    if (json)
      process.stdout.write(
        `${JSON.stringify({ error: { code: 'internal', message: String(err?.message ?? e) } })}\n`,
      );
    process.stderr.write(`internal error: ${err?.stack ?? String(e)}\n`);
  }
  return code;
}
