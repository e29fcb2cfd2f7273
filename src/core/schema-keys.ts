import type { z } from 'zod';

/** Just enough of zod's internal definition to walk a schema down a data path. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  discriminator?: string;
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Wrappers (optional, default, pipe, lazy …) down to the schema that holds keys. */
function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    const next = d.innerType ?? (d.type === 'pipe' ? d.in : undefined) ?? d.getter?.();
    if (!next) return s;
    s = next;
  }
  return s;
}

/** The object schemas a value at this level may be: a union's members that match its discriminator. */
function objectsOf(s: z.ZodType, data: unknown): z.ZodType[] {
  const u = unwrap(s);
  const d = defOf(u);
  if (d.type === 'object') return [u];
  if (d.type === 'union' && d.options) {
    const all = d.options.flatMap((o) => objectsOf(o, data));
    if (d.discriminator && data && typeof data === 'object') {
      const value = (data as Record<string, unknown>)[d.discriminator];
      const matching = all.filter((o) => {
        const lit = defOf(unwrap(defOf(o).shape?.[d.discriminator!] as z.ZodType)) as Def & {
          values?: unknown[];
        };
        return lit.values?.includes(value);
      });
      if (matching.length) return matching;
    }
    return all;
  }
  return [];
}

/**
 * The keys a schema allows for the object at `path` in `data` (empty when it is not an object):
 * what "did you mean" chooses from when a key there is unknown.
 */
export function keysAt(schema: z.ZodType, data: unknown, path: readonly (string | number)[]): string[] {
  let schemas: z.ZodType[] = [schema];
  let value = data;
  for (const step of path) {
    const next: z.ZodType[] = [];
    for (const s of schemas) {
      const u = unwrap(s);
      const d = defOf(u);
      if (typeof step === 'number' && d.type === 'array' && d.element) next.push(d.element);
      else if (d.type === 'record' && d.valueType) next.push(d.valueType);
      else
        for (const o of objectsOf(u, value)) {
          const child = defOf(o).shape?.[String(step)];
          if (child) next.push(child);
        }
    }
    schemas = next;
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  }
  return [
    ...new Set(schemas.flatMap((s) => objectsOf(s, value).flatMap((o) => Object.keys(defOf(o).shape ?? {})))),
  ];
}
