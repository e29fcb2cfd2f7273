import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  areaOf,
  type Checked,
  checkLayout,
  type LayoutRules,
  readSources,
  type Violation,
} from './helpers/layout-rules.js';

/**
 * The Layout table of docs/architecture.md: what each folder may import besides its own files.
 * `stages`: every folder under src/stages/; a stage may also import an earlier stage's public entry
 * (`src/stages/<stage>/index.ts`) and nothing else of another stage. `*`: anything of ours.
 */
const RULES: LayoutRules = {
  mayImport: {
    core: [],
    text: ['core'],
    stats: ['core'],
    io: ['core'],
    store: ['core'],
    llm: ['core', 'stats'],
    stages: ['core', 'text', 'stats', 'io', 'store', 'llm'],
    server: ['core', 'store', 'llm', 'stages'],
    cli: ['*'],
    demo: ['*'],
    web: ['core'],
  },
  stageOrder: ['import', 'generate', 'checks', 'review', 'quality', 'audit', 'release'],
};

const root = fileURLToPath(new URL('..', import.meta.url));
let checked: Checked;
beforeAll(() => {
  checked = checkLayout(readSources(root, ['src', 'web/src']), RULES);
});

/** Violations of one rule, one paragraph each. There is no allow-list: the rules hold everywhere. */
function violationsOf(rule: Violation['rule']): string {
  return checked.violations
    .filter((v) => v.rule === rule)
    .map((v) => v.message)
    .join('\n');
}

describe('the layout (docs/architecture.md) holds', () => {
  it('reads the imports of every source file', () => {
    expect(checked.files).toBeGreaterThan(300);
    expect(checked.imports.length).toBeGreaterThan(1000);
    expect(checked.imports.some((i) => areaOf(i.from) === 'web' && i.relative)).toBe(true);
  });

  it('every folder imports only what its row of the table allows', () => {
    expect(violationsOf('layer')).toBe('');
  });

  it('SQL is built, and the database handle used, only in src/store/', () => {
    expect(violationsOf('sql')).toBe('');
  });

  it('no files import each other in a cycle', () => {
    expect(violationsOf('cycle')).toBe('');
  });
});

describe('the layout checker', () => {
  // A small fake tree with one of each thing the rules forbid, and things they allow that look alike.
  const fake = new Map<string, string>(
    Object.entries({
      'src/core/a.ts': "import { q } from '../store/b.js';\nexport const a = 1;",
      'src/store/b.ts':
        "import { sql } from 'kysely';\nexport const q = (db: never) => sql`SELECT 1`.execute(db);",
      'src/io/e.ts': "export { q } from '../store/b.js';",
      'src/stages/review/index.ts': "export { f } from './r.js';",
      'src/stages/review/r.ts':
        "import type { T } from './s.js';\nexport const f = (ctx: any) =>\n  ctx.db\n    .selectFrom('records');",
      'src/stages/review/s.ts': "export type T = number;\nexport const g = () => import('./r.js');",
      'src/stages/checks/c.ts': "import { f } from '../review/index.js';",
      'src/stages/quality/q.ts':
        "import { f } from '../review/index.js';\nimport { g } from '../review/s.js';\nimport { sql } from 'kysely';\nconst n = sql<number>`SELECT 2`;",
      'src/server/h.ts': 'const store: any = {};\nconst ctx = { db: store.db, dialect: store.dialect };',
      'src/cli/x.ts': "import { a } from '../core/a.js';\nconst opts: any = {};\nopen(opts.db);",
      'src/text/pool.ts':
        "new Worker(new URL('./worker.js', import.meta.url));\nnew Worker(new URL('../store/b.js', import.meta.url));",
      'src/text/worker.ts': "import type { P } from './pool.js';",
      'src/newfolder/n.ts': "import { a } from '../core/a.js';",
      'web/src/App.tsx':
        "import type { A } from '../../src/core/a';\nimport { q } from '../../src/store/b';\nimport { X } from './x';",
      'web/src/x.ts': 'export const X = 1;',
    }),
  );
  const result = checkLayout(fake, RULES);
  const keys = result.violations.map((v) => v.key).sort();

  it('reports every forbidden import, SQL outside the store and the cycle, and nothing else', () => {
    expect(keys).toEqual([
      'cycle: src/stages/review/r.ts, src/stages/review/s.ts', // a type import one way, import() back
      'layer: src/core/a.ts -> src/store/b.ts',
      'layer: src/io/e.ts -> src/store/b.ts', // export … from
      'layer: src/newfolder/n.ts -> src/core/a.ts', // a folder missing from the table
      'layer: src/stages/checks/c.ts -> src/stages/review/index.ts', // a later stage, even through index.ts
      'layer: src/stages/quality/q.ts -> src/stages/review/s.ts', // an earlier stage's internals
      'layer: src/text/pool.ts -> src/store/b.ts', // a worker entry file
      'layer: web/src/App.tsx -> src/store/b.ts',
      'sql: src/server/h.ts', // { db: store.db }
      'sql: src/stages/quality/q.ts', // kysely, sql<number>`…`
      'sql: src/stages/review/r.ts', // ctx.db.selectFrom( over three lines
    ]);
  });

  it('names the file, line, import and rule in its messages', () => {
    const message = (key: string) => result.violations.find((v) => v.key === key)?.message ?? '';
    expect(message('layer: src/core/a.ts -> src/store/b.ts')).toBe(
      "src/core/a.ts:1 imports '../store/b.js' (src/store/b.ts): core may import nothing of ours [rule: layer]",
    );
    expect(message('layer: src/stages/checks/c.ts -> src/stages/review/index.ts')).toContain(
      "stage 'checks' may not import 'review', a later stage",
    );
    expect(message('layer: src/stages/quality/q.ts -> src/stages/review/s.ts')).toContain(
      'only through its public entry src/stages/review/index.ts',
    );
    expect(message('layer: src/newfolder/n.ts -> src/core/a.ts')).toContain(
      'newfolder is not in the layout table',
    );
    expect(message('sql: src/stages/quality/q.ts')).toBe(
      [
        "src/stages/quality/q.ts builds SQL or holds the store's database handle outside src/store/ [rule: sql]:",
        "      line 3: imports 'kysely'",
        '      line 4: sql`…` tagged template',
      ].join('\n'),
    );
    expect(message('sql: src/stages/review/r.ts')).toContain("line 3: ctx.db (the store's database handle)");
    expect(message('sql: src/stages/review/r.ts')).toContain('line 4: .selectFrom(…) query builder');
    expect(message('cycle: src/stages/review/r.ts, src/stages/review/s.ts')).toBe(
      [
        'import cycle among 2 files [rule: cycle]:',
        "      src/stages/review/r.ts:1 imports './s.js' (src/stages/review/s.ts)",
        "      src/stages/review/s.ts:2 imports './r.js' (src/stages/review/r.ts)",
      ].join('\n'),
    );
  });
});
