import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOpenAIChatRow } from '../../src/stages/release/export/formats/openai.js';
import { openStore } from '../../src/store/connect.js';
import { tandem } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';
import { type Backend, backends } from '../helpers/stores.js';

/** For the tests that spawn the built CLI as a user would: a loaded machine slows every start. */
const PROCESS_TIMEOUT = 180_000;

const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-'));
const path = (name: string) => join(dir, name);

const rows = [
  {
    id: 'c1',
    language: 'en',
    messages: [
      { role: 'system', content: 'Refunds within 30 days.' },
      { role: 'user', content: 'Can I return boots after 60 days?' },
      { role: 'assistant', content: 'Yes, we refund within 90 days.' },
    ],
  },
  {
    id: 'c2',
    language: 'fr',
    messages: [
      { role: 'user', content: 'Bonjour' },
      { role: 'assistant', content: 'Bonjour !' },
    ],
  },
  { id: 'c3', language: 'de', messages: [{ role: 'user', content: 'Nur eine Frage' }] },
];
writeFileSync(path('chats.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
writeFileSync(
  path('settings.yaml'),
  `fields:
  - name: messages
    type: chat
questions:
  - name: factual
    type: label
    options: [correct, minor_error, major_error]
  - name: fix
    type: text
    corrects: messages
    required: false
`,
);

describe('cli contract', async () => {
  it(
    'prints help with exit 0 and rejects bad usage with exit 2',
    async () => {
      expect(tandem(['--help']).code).toBe(0);
      const unknown = await runInProcess(['frobnicate']);
      expect(unknown.code).toBe(2);
      const missing = await runInProcess(['import', 'x.jsonl']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--dataset');
      const badStatus = await runInProcess([
        'export',
        '--dataset',
        'x',
        '--format',
        'openai',
        '--status',
        'done',
        '--db',
        path('u.db'),
      ]);
      expect(badStatus.code).toBe(2);
      expect(badStatus.stderr).toContain("unknown status 'done'");
    },
    PROCESS_TIMEOUT,
  );

  it('names file and line for a bad settings file, exit 2', async () => {
    writeFileSync(path('bad.yaml'), 'fields:\n  - name: text\n    type: text\n    colour: red\n');
    const r = await runInProcess([
      'datasets',
      'create',
      'x',
      '--settings',
      path('bad.yaml'),
      '--db',
      path('contextOf(s).db'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path('bad.yaml')}:4:5`);
    expect(r.stderr).toContain("unknown key 'colour'");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user's mistake
  });

  it('reports a missing dataset with exit 1, the nearest names and a JSON error under --json', async () => {
    const db = path('missing.db');
    expect(
      (await runInProcess(['import', path('chats.jsonl'), '--dataset', 'support', '--db', db])).code,
    ).toBe(0);
    const r = await runInProcess(['datasets', 'show', 'suport', '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'not_found',
        message:
          "dataset 'suport' does not exist (did you mean 'support'?); `tandem datasets list` shows them all",
      },
    });
    const far = await runInProcess(['export', '--dataset', 'nope', '--format', 'jsonl', '--db', db]);
    expect(far.code).toBe(1);
    expect(far.stderr).toContain("dataset 'nope' does not exist; `tandem datasets list` shows them all");
  });

  it('exits 2 naming the column when --map names one the file lacks, and imports nothing', async () => {
    const db = path('map.db');
    writeFileSync(path('posts.csv'), 'id,text\n1,hello\n2,world\n');
    const r = await runInProcess([
      'import',
      path('posts.csv'),
      '--dataset',
      'posts',
      '--map',
      'text=body',
      '--db',
      db,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path('posts.csv')}: --map text=body: no column 'body' in the first 2 rows`);
    expect(r.stderr).toContain('the columns are id, text');
    expect((await runInProcess(['datasets', 'show', 'posts', '--db', db])).code).toBe(1);
  });
});

for (const b of backends()) {
  describe.skipIf(b.skip)(`cli on ${b.name}`, () => {
    let backend: Backend;
    let db: string;
    beforeAll(async () => {
      backend = b.make();
      const s = await backend.open();
      await s.close();
      db = backend.url();
    });
    afterAll(async () => backend?.cleanup());

    it('imports, lists, shows, exports and deletes', async () => {
      const imp = await runInProcess([
        'import',
        path('chats.jsonl'),
        '--dataset',
        'chats',
        '--settings',
        path('settings.yaml'),
        '--db',
        db,
        '--json',
      ]);
      expect(imp.code, imp.stderr).toBe(0);
      expect(JSON.parse(imp.stdout)).toMatchObject({ created: true, inserted: 3, rows: 3 });

      const human = await runInProcess(['import', path('chats.jsonl'), '--dataset', 'chats', '--db', db]);
      expect(human.stdout).toContain('Imported 0 of 3 rows');
      expect(human.stdout).toContain('3 already present');

      const list = JSON.parse((await runInProcess(['datasets', 'list', '--db', db, '--json'])).stdout);
      expect(list.datasets).toEqual([
        expect.objectContaining({ name: 'chats', records: 3, byStatus: { new: 3 } }),
      ]);
      const show = JSON.parse(
        (await runInProcess(['datasets', 'show', 'chats', '--db', db, '--json'])).stdout,
      );
      expect(show.settings.questions.map((q: { name: string }) => q.name)).toEqual(['factual', 'fix']);

      // A reviewer corrects the agent's wrong refund promise and accepts the record.
      const store = await (await import('../../src/store/connect.js')).openStore(db);
      try {
        const d = await store.datasets.get('chats');
        const r = (await store.records.findByExternalId(d.id, 'c1'))!;
        const fixed = structuredClone(r.fields.messages) as { content: string }[];
        fixed[2]!.content = 'Our policy allows refunds within 30 days, so after 60 days we cannot refund.';
        const at = new Date().toISOString();
        await store.transaction(async (tx) =>
          tx.lifecycle.transition(
            await tx.lifecycle.lockState(r.id),
            {
              type: 'decided',
              outcome: 'accepted',
              reviewerId: null,
              sampledForSecondReview: false,
              reviewerAnswered: false,
              finalValues: {
                fix: { value: fixed, method: 'reviewer', decidedBy: 'rita', at },
                factual: { value: 'major_error', method: 'reviewer', decidedBy: 'rita', at },
              },
            },
            { actor: 'user:rita', log: { kind: 'changes' } },
          ),
        );
        // An annotator discarded c2, saying why: the lossless export keeps the reason.
        const ana = await store.users.create({ username: 'ana', role: 'annotator', languages: [] }, 'test');
        const c2 = (await store.records.findByExternalId(d.id, 'c2'))!;
        await store.responses.save(
          { recordId: c2.id, userId: ana.id, values: {}, status: 'discarded', reason: 'greeting only' },
          'user:ana',
        );
      } finally {
        await store.close();
      }

      const out = path(`openai-${b.name}.jsonl`);
      const exp = await runInProcess([
        'export',
        '--dataset',
        'chats',
        '--format',
        'openai',
        '--out',
        out,
        '--db',
        db,
        '--json',
      ]);
      expect(exp.code, exp.stderr).toBe(0);
      // A training format gets the accepted records unless told otherwise, and says what it left out.
      expect(JSON.parse(exp.stdout)).toMatchObject({
        written: 1,
        skipped: 0,
        statuses: ['accepted'],
        leftOut: { new: 2 },
      });
      const lines = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      for (const l of lines) expect(validateOpenAIChatRow(l)).toEqual([]);
      expect(lines[0].messages[2].content).toContain('within 30 days');
      expect(readFileSync(out, 'utf8')).not.toContain('90 days');
      const summary = await runInProcess(['export', '--dataset', 'chats', '--format', 'openai', '--db', db]);
      expect(summary.stderr).toContain('Left out 2 records in other statuses (new 2); --status all');
      const everything = await runInProcess([
        'export',
        '--dataset',
        'chats',
        '--format',
        'openai',
        '--status',
        'all',
        '--out',
        out,
        '--db',
        db,
        '--json',
      ]);
      // c3 has no assistant turn: no training example, with the reason counted.
      expect(JSON.parse(everything.stdout)).toMatchObject({
        written: 2,
        skipped: 1,
        statuses: 'all',
        leftOut: {},
      });

      const lossless = await runInProcess(['export', '--dataset', 'chats', '--format', 'jsonl', '--db', db]);
      const all = lossless.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(all.map((r) => r.external_id)).toEqual(['c1', 'c2', 'c3']);
      expect(all[1].responses).toEqual([
        { user: 'ana', round: 1, status: 'discarded', values: {}, reason: 'greeting only' },
      ]);

      const accepted = await runInProcess([
        'export',
        '--dataset',
        'chats',
        '--format',
        'jsonl',
        '--status',
        'accepted',
        '--db',
        db,
      ]);
      expect(accepted.code).toBe(0);
      const full = accepted.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(full).toHaveLength(1);
      expect(full[0]).toMatchObject({
        external_id: 'c1',
        status: 'accepted',
        final_values: { factual: { value: 'major_error', decidedBy: 'rita' } },
        provenance: { origin: 'imported', file: 'chats.jsonl', line: 1 },
      });
      expect(full[0].original_fields.messages[2].content).toContain('90 days');
      expect(accepted.stderr).toContain('Exported 1 records');

      const del = await runInProcess(['datasets', 'delete', 'chats', '--db', db, '--json']);
      expect(JSON.parse(del.stdout)).toEqual({ deleted: 'chats', records: 3 });
    });

    it('exits 2 naming file:line for a malformed file and commits nothing', async () => {
      writeFileSync(
        path('broken.jsonl'),
        `${JSON.stringify({ id: 1, text: 'ok' })}\n{"id": 2, "text": "unterminated}\n`,
      );
      const r = await runInProcess(['import', path('broken.jsonl'), '--dataset', 'broken', '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${path('broken.jsonl')}:2`);
      const show = await runInProcess(['datasets', 'show', 'broken', '--db', db]);
      expect(show.code).toBe(1);
    });
  });
}

describe('parquet export', async () => {
  it('writes a file DuckDB reads, one column per field', async () => {
    const db = path('pq.db');
    expect((await runInProcess(['import', path('chats.jsonl'), '--dataset', 'pq', '--db', db])).code).toBe(0);
    const out = path('pq.parquet');
    const r = await runInProcess([
      'export',
      '--dataset',
      'pq',
      '--format',
      'parquet',
      '--out',
      out,
      '--db',
      db,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const reader = await conn.runAndReadAll(
      `select external_id, status, language, messages::VARCHAR as messages from read_parquet('${out}') order by id`,
    );
    const got = reader.getRowObjectsJson();
    expect(got.map((g) => g.external_id)).toEqual(['c1', 'c2', 'c3']);
    expect(got[1]!.language).toBe('fr');
    expect(JSON.parse(String(got[0]!.messages))[1].content).toBe('Can I return boots after 60 days?');
  });

  it('imports a Parquet file written by DuckDB, with nested chat messages', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const file = path('from-duckdb.parquet');
    await conn.run(`COPY (
      SELECT 'p' || i AS id, 'prompt ' || i AS prompt, i * 1.5 AS score,
             [{'role': 'user', 'content': 'q' || i}, {'role': 'assistant', 'content': 'a' || i}] AS messages
      FROM range(1, 2501) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`);
    const db = path('pq-in.db');
    const r = await runInProcess(['import', file, '--dataset', 'fromduck', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'parquet', rows: 2500, inserted: 2500 });
    const store = await openStore(db);
    try {
      const d = await store.datasets.get('fromduck');
      expect(d.settings.fields.map((f) => [f.name, f.type])).toEqual([
        ['prompt', 'text'],
        ['messages', 'chat'],
      ]);
      const rec = (await store.records.findByExternalId(d.id, 'p2001'))!;
      expect(rec.fields).toEqual({
        prompt: 'prompt 2001',
        messages: [
          { role: 'user', content: 'q2001' },
          { role: 'assistant', content: 'a2001' },
        ],
      });
      expect(rec.metadata).toEqual({ score: 3001.5 });
      expect(rec.provenance).toMatchObject({ format: 'parquet', line: 2001 });
    } finally {
      await store.close();
    }
  });
});

describe('a store another process is writing to', () => {
  it(
    'says the store is busy instead of crashing',
    async () => {
      const db = path('busy.db');
      expect(tandem(['import', path('chats.jsonl'), '--dataset', 'busy', '--db', db]).code).toBe(0);
      const Sqlite = (await import('better-sqlite3')).default;
      const holder = new Sqlite(db);
      holder.exec('BEGIN IMMEDIATE');
      try {
        const r = tandem(['datasets', 'delete', 'busy', '--db', db], { TANDEM_SQLITE_BUSY_MS: '200' });
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('the store is busy');
        expect(r.stderr).not.toMatch(/\n\s+at /);
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
    },
    PROCESS_TIMEOUT,
  );
});

describe('import through the worker thread', () => {
  it(
    '--skip-invalid keeps the good rows and writes the report',
    () => {
      const file = path('mixed-validity.jsonl');
      writeFileSync(
        file,
        `${JSON.stringify({ id: 1, text: 'a' })}\n{oops\n${JSON.stringify({ id: 2, text: 7 })}\n${JSON.stringify({ id: 3, text: 'c' })}\n`,
      );
      const db = path('skip.db');
      writeFileSync(
        path('clean.jsonl'),
        `${JSON.stringify({ id: 1, text: 'a' })}\n${JSON.stringify({ id: 3, text: 'c' })}\n`,
      );
      expect(tandem(['import', path('clean.jsonl'), '--dataset', 'skip', '--db', db]).code).toBe(0);
      const strict = tandem(['import', file, '--dataset', 'skip', '--db', db]);
      expect(strict.code).toBe(2);
      expect(strict.stderr).toContain(`${file}:2`);
      // The dataset now has a text field; the number on line 3 is a wrong type for it.
      const report = path('skip-report.jsonl');
      const r = tandem([
        'import',
        file,
        '--dataset',
        'skip',
        '--db',
        db,
        '--skip-invalid',
        '--report',
        report,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, inserted: 0, existing: 2, rejected: 2, report });
      const rejected = readFileSync(report, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(rejected.map((x) => x.line)).toEqual([2, 3]);
      expect(rejected[1].error).toContain("field 'text'");
    },
    PROCESS_TIMEOUT,
  );
});

describe('tandem demo', () => {
  it(
    'generates, reviews and exports the support conversations, and is safe to run twice',
    () => {
      const db = path('demo.db');
      const out = path('demo.openai.jsonl');
      const first = tandem(['demo', '--db', db, '--out', out, '--json']);
      expect(first.code, first.stderr).toBe(0);
      const r = JSON.parse(first.stdout);
      expect(r.generated).toMatchObject({
        provider: 'template',
        rows: { wanted: 72, stored: 72, failed: 0 },
      });
      expect(r.review).toMatchObject({
        accepted: 61,
        rejected: 11,
        corrected: 1,
        correctedIds: ['conv-en-003'],
      });
      expect(r.byStatus).toEqual({ accepted: 61, rejected: 11 });
      const lines = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(61);
      for (const l of lines) expect(validateOpenAIChatRow(l)).toEqual([]);
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('within 30 days of delivery, so you have about two more weeks');
      expect(text).not.toContain('90 days');
      const again = JSON.parse(tandem(['demo', '--db', db, '--out', out, '--json']).stdout);
      expect(again.generated.rows).toMatchObject({ alreadyStored: 72, stored: 0 });
      expect(again.byStatus).toEqual({ accepted: 61, rejected: 11 });
    },
    PROCESS_TIMEOUT,
  );

  it(
    '--count generates only the first conversations',
    async () => {
      const r = await runInProcess([
        'demo',
        '--db',
        path('demo5.db'),
        '--out',
        path('demo5.jsonl'),
        '--count',
        '5',
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).generated.rows).toMatchObject({ wanted: 5, stored: 5 });
    },
    PROCESS_TIMEOUT,
  );
});

describe('stdout closed early', () => {
  it(
    'exits 0 quietly when the reader stops (tandem export | head)',
    async () => {
      const { spawnSync } = await import('node:child_process');
      const db = path('pipe.db');
      const rows = Array.from({ length: 20_000 }, (_, i) =>
        JSON.stringify({ id: i, text: `row ${i} ${'x'.repeat(200)}` }),
      );
      writeFileSync(path('many.jsonl'), rows.join('\n'));
      expect(tandem(['import', path('many.jsonl'), '--dataset', 'many', '--db', db]).code).toBe(0);
      const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;
      const r = spawnSync(
        'bash',
        [
          '-c',
          `node ${bin} export --dataset many --format jsonl --db ${db} | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`,
        ],
        { encoding: 'utf8' },
      );
      expect(r.stdout.trim()).toBe('status=0');
      expect(r.stderr).not.toContain('EPIPE');
    },
    PROCESS_TIMEOUT,
  );
});
