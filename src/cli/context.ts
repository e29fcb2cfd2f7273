import type { Command } from 'commander';
import { TandemError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { translateDbError } from '../store/db-errors.js';
import type { OpenStore } from '../store/store.js';
import type { GlobalOptions } from './output.js';

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

/** Opens the store named by --db / TANDEM_DB / ./tandem.db, runs `fn`, and always closes it. */
export async function withStore<T>(
  cmd: Command,
  fn: (store: OpenStore, opts: GlobalOptions) => Promise<T>,
): Promise<T> {
  const opts = globals(cmd);
  // The database drivers load only for commands that use the store, not for the file tools.
  const { openStore, resolveDbUrl } = await import('../store/connect.js');
  const store = await openStore(resolveDbUrl(opts.db)).catch((e: unknown) => {
    throw translateDbError(e);
  });
  try {
    return await fn(store, opts);
  } catch (e) {
    throw await explainMissing(store, translateDbError(e));
  } finally {
    await store.close();
  }
}

/** The actor recorded in events for CLI actions: the OS user, so the log says who ran it. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;
}

/**
 * A dataset named on the command line that does not exist: name the nearest ones and how to see
 * them all. Only here, for the person who runs the CLI on the store; the HTTP API does not list
 * names to callers who may not see them.
 */
async function explainMissing(store: OpenStore, e: unknown): Promise<unknown> {
  if (!(e instanceof TandemError) || e.code !== 'not_found' || e.details?.what !== 'dataset') return e;
  if (typeof e.details.name !== 'string') return e;
  const names = (await store.datasets.list().catch(() => [])).map((d) => d.name);
  return new TandemError(
    'not_found',
    `${e.reason}${didYouMean(e.details.name, names)}; \`tandem datasets list\` shows them all`,
    { details: e.details, cause: e },
  );
}
