import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/**
 * The checker behind test/architecture.test.ts: reads the imports and the SQL-building code of a
 * set of source files and reports what breaks the layout's rules. It works on paths relative to the
 * repository and file texts only, so a test can feed it a small fake tree.
 */

/** What a folder may import. `*`: anything of ours. Folders under src/stages/ are looked up as `stages`. */
export interface LayoutRules {
  mayImport: Readonly<Record<string, readonly string[]>>;
  /** Stages in pipeline order: a stage may import an earlier stage's `index.ts`, nothing else of another stage. */
  stageOrder: readonly string[];
}

export interface Violation {
  rule: 'layer' | 'sql' | 'cycle';
  /** What an allow-list entry names: `layer: FROM -> TO`, `sql: FILE`, `cycle: FILE, FILE, …`. */
  key: string;
  /** For people: the file and line, the import or the code, and the rule. */
  message: string;
}

export interface Import {
  from: string;
  line: number;
  /** As written. */
  specifier: string;
  /** The repository path it resolves to; bare package names stay as written. */
  to: string;
  relative: boolean;
  /** `worker`: a worker thread's entry file, named by URL. It loads in its own thread, so no cycle runs through it. */
  kind: 'import' | 'worker';
}

export interface Checked {
  files: number;
  imports: Import[];
  violations: Violation[];
}

/** Packages that open or build SQL: only src/store/ may import them. */
const SQL_PACKAGES = /^(kysely|better-sqlite3|pg)(\/|$)/;
/** Kysely's query builders. */
const BUILDERS = new Set([
  'selectFrom',
  'updateTable',
  'insertInto',
  'deleteFrom',
  'replaceInto',
  'mergeInto',
]);
/** The store's handles: `Store.db` / `Ctx.db` (Kysely) and `Store.sqlite` / `Ctx.sqlite` (better-sqlite3). */
const HANDLES = new Set(['db', 'sqlite']);
const CODE = /\.(ts|tsx|mts|cts)$/;

/** Every source file under the given folders of the repository, by repository path. */
export function readSources(root: string, folders: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (CODE.test(entry.name)) out.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  for (const folder of folders) walk(folder);
  return out;
}

/** Which row of the table a file falls under: `web`, `stages/NAME`, or the folder under src/. */
export function areaOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'web' && parts[1] === 'src') return 'web';
  if (parts[0] !== 'src' || parts.length < 3) return `outside (${parts.slice(0, 2).join('/')})`;
  if (parts[1] === 'stages')
    return parts.length > 3 ? `stages/${parts[2]}` : 'src/stages/ (outside any stage)';
  return parts[1]!;
}

/** Checks every rule over `sources` (repository path → text). `store/` is the one folder allowed SQL. */
export function checkLayout(sources: ReadonlyMap<string, string>, rules: LayoutRules): Checked {
  const imports: Import[] = [];
  const violations: Violation[] = [];
  for (const [path, text] of sources) {
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
    const mine = importsOf(path, file, sources);
    imports.push(...mine);
    for (const imp of mine) {
      const why = imp.relative ? layerProblem(imp, rules) : undefined;
      if (why)
        violations.push({
          rule: 'layer',
          key: `layer: ${imp.from} -> ${imp.to}`,
          message: `${imp.from}:${imp.line} imports '${imp.specifier}' (${imp.to}): ${why} [rule: layer]`,
        });
    }
    if (!path.startsWith('src/store/')) {
      const found = [
        ...mine
          .filter((i) => !i.relative && SQL_PACKAGES.test(i.specifier))
          .map((i) => `line ${i.line}: imports '${i.specifier}'`),
        ...sqlCode(file),
      ];
      if (found.length > 0)
        violations.push({
          rule: 'sql',
          key: `sql: ${path}`,
          message: `${path} builds SQL or holds the store's database handle outside src/store/ [rule: sql]:\n${found.map((f) => `      ${f}`).join('\n')}`,
        });
    }
  }
  for (const cycle of cycles(imports.filter((i) => i.relative && i.kind === 'import' && sources.has(i.to)))) {
    const files = [...new Set(cycle.map((i) => i.from))].sort();
    violations.push({
      rule: 'cycle',
      key: `cycle: ${files.join(', ')}`,
      message: `import cycle among ${files.length} files [rule: cycle]:\n${cycle
        .map((i) => `      ${i.from}:${i.line} imports '${i.specifier}' (${i.to})`)
        .join('\n')}`,
    });
  }
  return { files: sources.size, imports, violations };
}

function scriptKind(path: string): ts.ScriptKind {
  return path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

/**
 * Static imports, `export … from`, `import type`, `import()` (also in types), `require()`, and worker
 * entry points (`new URL('./x.js', import.meta.url)` naming a source file).
 */
function importsOf(path: string, file: ts.SourceFile, sources: ReadonlyMap<string, string>): Import[] {
  const out: Import[] = [];
  const add = (specifier: string, pos: number, kind: Import['kind']) => {
    const relative = specifier.startsWith('.');
    const to = relative ? resolve(path, specifier, sources) : specifier;
    if (kind === 'worker' && !sources.has(to)) return; // a data file, not code
    const line = file.getLineAndCharacterOfPosition(pos).line + 1;
    out.push({ from: path, line, specifier, to, relative, kind });
  };
  for (const ref of ts.preProcessFile(file.text, true, true).importedFiles)
    add(ref.fileName, ref.pos, 'import');
  const visit = (node: ts.Node): void => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      ts.isStringLiteral(node.arguments[0]!) &&
      node.arguments[1]!.getText(file) === 'import.meta.url' &&
      node.arguments[0].text.startsWith('.')
    )
      add(node.arguments[0].text, node.arguments[0].getStart(file), 'worker');
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** A relative specifier as the repository path of the file it names (NodeNext `.js` or bundler style). */
function resolve(from: string, specifier: string, sources: ReadonlyMap<string, string>): string {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
  ];
  return candidates.find((c) => sources.has(c)) ?? base;
}

/** Why an import breaks the table, or undefined when it may stay. */
function layerProblem(imp: Import, rules: LayoutRules): string | undefined {
  const from = areaOf(imp.from);
  const to = areaOf(imp.to);
  if (from === to) return undefined;
  const row = from.startsWith('stages/') ? 'stages' : from;
  const allowed = rules.mayImport[row];
  if (!allowed)
    return `${from} is not in the layout table; add its row (test/architecture.test.ts, docs/architecture.md)`;
  const stage = (area: string) => (area.startsWith('stages/') ? area.slice('stages/'.length) : undefined);
  if (row === 'stages') {
    const mine = stage(from)!;
    const theirs = stage(to);
    const order = rules.stageOrder;
    if (!order.includes(mine)) return `stage '${mine}' is not in the pipeline order (${order.join(', ')})`;
    if (theirs !== undefined) {
      if (!order.includes(theirs))
        return `stage '${theirs}' is not in the pipeline order (${order.join(', ')})`;
      if (order.indexOf(theirs) > order.indexOf(mine))
        return `stage '${mine}' may not import '${theirs}', a later stage (order: ${order.join(', ')})`;
      if (imp.to !== `src/stages/${theirs}/index.ts`)
        return `stage '${mine}' may import stage '${theirs}' only through its public entry src/stages/${theirs}/index.ts`;
      return undefined;
    }
  }
  if (allowed.includes('*')) return undefined;
  const target = stage(to) !== undefined ? 'stages' : to;
  if (allowed.includes(target)) return undefined;
  const may = [...(row === 'stages' ? ["an earlier stage's index.ts"] : []), ...allowed];
  return may.length === 0
    ? `${from} may import nothing of ours`
    : `${from} may import only ${may.join(', ')}`;
}

/** SQL-building code and store-handle access in one file, as `line N: what`. */
function sqlCode(file: ts.SourceFile): string[] {
  const found: { line: number; what: string }[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, what });
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && /(^|\.)sql$/.test(node.tag.getText(file)))
      at(node, 'sql`…` tagged template');
    else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const callee = node.expression;
      if (BUILDERS.has(callee.name.text)) at(callee.name, `.${callee.name.text}(…) query builder`);
      else if (ts.isIdentifier(callee.expression) && callee.expression.text === 'sql')
        at(node, `sql.${callee.name.text}(…)`);
    } else if (ts.isPropertyAccessExpression(node) && HANDLES.has(node.name.text) && usesHandle(node))
      at(node, `${node.getText(file).replace(/\s+/g, '')} (the store's database handle)`);
    else if (
      ts.isBindingElement(node) &&
      HANDLES.has((node.propertyName ?? node.name).getText(file)) &&
      ts.isObjectBindingPattern(node.parent)
    )
      at(node, `{ ${node.getText(file)} } taken from an object (the store's database handle)`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.sort((a, b) => a.line - b.line).map((f) => `line ${f.line}: ${f.what}`);
}

/**
 * Whether `x.db` / `x.sqlite` is used as the store's handle: `x.sqlite` always; `x.db` when something
 * is called or read on it (`x.db.selectFrom`, `x.db.startTransaction()`), when it is handed to
 * `execute(…)`, or when it is put into an object as its `db` (a hand-made Ctx). A `--db` flag read
 * as `opts.db` and passed on as a string is none of these.
 */
function usesHandle(node: ts.PropertyAccessExpression): boolean {
  if (node.name.text === 'sqlite') return true;
  const parent = node.parent;
  if (
    (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
    parent.expression === node
  )
    return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(node)) {
    const callee = parent.expression;
    const name = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';
    return name === 'execute' || name === 'executeQuery';
  }
  return ts.isPropertyAssignment(parent) && HANDLES.has(parent.name.getText());
}

/** Strongly connected components of more than one file (or a file importing itself), as their edges. */
function cycles(edges: readonly Import[]): Import[][] {
  const out = new Map<string, Import[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  // Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const succ = out.get(top.node) ?? [];
      if (top.next < succ.length) {
        const to = succ[top.next++]!.to;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          component.push(n);
        } while (n !== top.node);
        components.push(component);
      }
    }
  }
  return components
    .map((c) => new Set(c))
    .filter((c) => c.size > 1 || edges.some((e) => c.has(e.from) && e.from === e.to))
    .map((c) => edges.filter((e) => c.has(e.from) && c.has(e.to)));
}
