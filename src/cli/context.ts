import type { Command } from 'commander';
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
    throw translateDbError(e);
  } finally {
    await store.close();
  }
}

/** The actor recorded in events for CLI actions: the OS user, so the log says who ran it. */
export function cliActor(): string {
  return `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;
}
