import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { badInput, type SourceLocation } from './errors.js';
import { keysAt } from './schema-keys.js';
import { didYouMean, nearest } from './suggest.js';

/**
 * Parses a YAML or JSON document (JSON is YAML 1.2) and validates it with a zod schema. Errors
 * name the key path and the line and column the problem sits on, so a user can go straight to it.
 */
export function parseYamlWithSchema<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  return loadYaml(text, file).validate(schema);
}

/** A parsed YAML document that can point at its own keys: for checks a schema alone cannot express. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /** Validates the data, throwing a bad_input error at the first issue's key and line. */
  validate<S extends z.ZodType>(schema: S): z.output<S>;
  /** Where a key path sits in the file (its key rather than its value with `atKey`). */
  locate(path: (string | number)[], atKey?: boolean): SourceLocation;
}

export function loadYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw badInput(e.message.split('\n')[0]!, where(e.pos[0]));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // An alias bomb (aliases of aliases, a billion laughs): the file's fault, at its first alias.
    let at: number | undefined;
    visit(doc, {
      Alias(_, node) {
        at = node.range?.[0];
        return visit.BREAK;
      },
    });
    throw badInput(
      `too many aliases to expand (${(e as Error).message.split('\n')[0]}); write the values out`,
      at === undefined ? { file } : where(at),
    );
  }
  if (data === null || data === undefined) throw badInput('the file is empty; expected a mapping', { file });
  // A key `__proto__` is an own key in the parsed data, but every object it is copied into by
  // assignment (zod's records, spreads into maps of names) takes it as its prototype or drops it:
  // refused here, at its line, rather than lost or turned into a prototype later.
  const proto = protoKeyPath(data);
  if (proto)
    throw badInput(`${[...proto, '__proto__'].join('.')}: '__proto__' cannot be a key`, locateKey(proto));
  function locateKey(path: (string | number)[]): SourceLocation {
    let at: number | undefined;
    const parent = nodeAt(doc.contents, path).node;
    if (isMap(parent))
      for (const p of parent.items) if (isScalar(p.key) && p.key.value === '__proto__') at = p.key.range?.[0];
    return at === undefined ? { file } : where(at);
  }
  const locate = (path: (string | number)[], atKey = false): SourceLocation => {
    const { node, keyNode, lastKey } = nodeAt(doc.contents, path);
    const anchor = (atKey ? lastKey : undefined) ?? keyNode ?? node;
    return anchor?.range ? where(anchor.range[0]) : { file };
  };
  const validate = <S extends z.ZodType>(schema: S): z.output<S> => {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    // A misspelt key also leaves the right key missing; naming the misspelling is what helps.
    const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
    let path = issue.path as (string | number)[];
    let message = issue.message;
    let unknownKey = issue.code === 'unrecognized_keys';
    if (unknownKey && issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      message = `unknown key '${key}'${didYouMean(key, keysAt(schema, data, path))}`;
      path = [...path, key];
    } else if (issue.code === 'invalid_union' && 'discriminator' in issue) {
      // A misspelt discriminator (`typ: text`) fails the union before any key is called unknown:
      // name the misspelling, not the missing key.
      const discriminator = String(issue.discriminator);
      const at = path.slice(0, -1);
      const obj = at.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], data);
      if (obj && typeof obj === 'object' && !(discriminator in obj)) {
        const known = new Set(keysAt(schema, data, at));
        const typo = Object.keys(obj).find((k) => !known.has(k) && nearest(k, [discriminator]).length > 0);
        if (typo) {
          unknownKey = true;
          path = [...at, typo];
          message = `unknown key '${typo}' (did you mean '${discriminator}'?)`;
        } else {
          path = at;
          message = `missing key '${discriminator}': ${issue.message}`;
        }
      }
    }
    const dotted = path.length ? path.join('.') : '(top level)';
    throw badInput(`${dotted}: ${message}`, locate(path, unknownKey), { path });
  };
  return { file, data, validate, locate };
}

/** The deepest node along a path, and the key node of its last step when the path ends at a map key. */
function nodeAt(
  root: unknown,
  path: (string | number)[],
): { node: Node | undefined; keyNode: Node | undefined; lastKey: Node | undefined } {
  let node = root as Node | undefined;
  let keyNode: Node | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
      if (!pair) return { node, keyNode: undefined, lastKey: undefined };
      keyNode = pair.key as Node;
      node = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) return { node, keyNode: undefined, lastKey: undefined };
      node = item;
      keyNode = undefined;
    } else {
      return { node, keyNode, lastKey: keyNode };
    }
  }
  // A scalar value is pointed at by its key; a nested mapping or list by its own first line.
  return { node, keyNode: isScalar(node) || !keyNode ? keyNode : undefined, lastKey: keyNode };
}

/** The path of the first object holding an own key `__proto__`, or null. */
function protoKeyPath(v: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = protoKeyPath(v[i], [...path, i]);
      if (p) return p;
    }
  } else if (v !== null && typeof v === 'object') {
    if (Object.hasOwn(v, '__proto__')) return path;
    for (const [k, x] of Object.entries(v)) {
      const p = protoKeyPath(x, [...path, k]);
      if (p) return p;
    }
  }
  return null;
}
