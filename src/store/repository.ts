import type { Ctx } from './context.js';

/**
 * A repository is a set of functions that each take the connection (or open transaction) first.
 * Written that way they compose inside the store — one repository's function calls another's with
 * the same transaction — and `bind` turns them into the methods a stage calls: `store.records.get(id)`.
 */

// biome-ignore lint/suspicious/noExplicitAny: the arguments of each function are kept by `Bound`.
type RepositoryFunction = (ctx: Ctx, ...args: any[]) => unknown;
export type RepositoryFunctions = Record<string, RepositoryFunction>;

/** The functions with the connection bound. */
export type Bound<R extends RepositoryFunctions> = {
  readonly [K in keyof R]: R[K] extends (ctx: Ctx, ...args: infer A) => infer T ? (...args: A) => T : never;
};

export function bind<R extends RepositoryFunctions>(ctx: Ctx, functions: R): Bound<R> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(functions)) out[name] = (...args: unknown[]) => fn(ctx, ...args);
  return out as Bound<R>;
}
