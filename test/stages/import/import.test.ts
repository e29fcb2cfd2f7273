import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { datasetSettings } from '../../../src/core/settings.js';
import { importFile } from '../../../src/stages/import/import-file.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { type Backend, backends } from '../../helpers/stores.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-import-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

const chatRows = [
  {
    id: 'a',
    language: 'en',
    intent: 'refund',
    messages: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
    ],
  },
  {
    id: 'b',
    language: 'es',
    intent: 'status',
    messages: [
      { role: 'user', content: 'Hola' },
      { role: 'assistant', content: '¡Hola!' },
    ],
  },
];

for (const b of backends()) {
  describe.skipIf(b.skip)(`import on ${b.name}`, () => {
    let backend: Backend;
    let store: Store;
    beforeAll(async () => {
      backend = b.make();
    });
    beforeEach(async () => {
      await store?.close();
      store = await backend.open();
    });
    afterAll(async () => {
      await store?.close();
      await backend?.cleanup();
    });

    it('creates a dataset with inferred fields and says so', async () => {
      const p = file('chat.jsonl', jsonl(chatRows));
      const s = await importFile(store, { file: p, dataset: 'support', actor: 'test' });
      expect(s).toMatchObject({
        created: true,
        rows: 2,
        inserted: 2,
        existing: 0,
        rejected: 0,
        format: 'jsonl',
      });
      // Strings become text fields (intent), conversations chat fields; the language column is metadata.
      expect(s.settings?.fields).toEqual([
        { name: 'intent', type: 'text', required: true },
        { name: 'messages', type: 'chat', required: true },
      ]);
      expect(s.settings?.distribution.responsesPerRecord).toBe(1);
      const d = await store.datasets.get('support');
      const r = await store.records.findByExternalId(d.id, 'b');
      expect(r?.fields.messages).toEqual(chatRows[1]!.messages);
      expect(r?.language).toBe('es');
      expect(r?.metadata).toMatchObject({ language: 'es' });
      expect(r?.provenance).toMatchObject({
        origin: 'imported',
        file: 'chat.jsonl',
        line: 2,
        format: 'jsonl',
        idFrom: 'column',
      });
    });

    it('infers text fields from strings, chat from ShareGPT, other values as metadata', async () => {
      const p = file(
        'mixed.jsonl',
        jsonl([
          {
            prompt: 'Say hi',
            score: 0.5,
            tags: ['x'],
            conversations: [
              { from: 'human', value: 'hi' },
              { from: 'gpt', value: 'hello' },
            ],
          },
          {
            prompt: 'Say bye',
            score: 0.7,
            tags: [],
            conversations: [
              { from: 'human', value: 'bye' },
              { from: 'gpt', value: 'ciao' },
            ],
          },
        ]),
      );
      const s = await importFile(store, { file: p, dataset: 'mixed', actor: 'test' });
      expect(s.settings?.fields).toEqual([
        { name: 'prompt', type: 'text', required: true },
        { name: 'messages', type: 'chat', required: true },
      ]);
      const d = await store.datasets.get('mixed');
      expect(await store.records.count(d.id)).toBe(2);
      const [page] = await collect(store, d.id);
      expect(page![0]!.fields).toEqual({
        prompt: 'Say hi',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
        ],
      });
      expect(page![0]!.metadata).toEqual({ score: 0.5, tags: ['x'] });
      expect(page![0]!.externalId).toMatch(/^sha:/);
      expect(page![0]!.provenance).toMatchObject({ idFrom: 'content_hash' });
    });

    it('is idempotent by external id, and by content hash without ids', async () => {
      const p = file('twice.jsonl', jsonl(chatRows));
      await importFile(store, { file: p, dataset: 'twice', actor: 'test' });
      const again = await importFile(store, { file: p, dataset: 'twice', actor: 'test' });
      expect(again).toMatchObject({ created: false, rows: 2, inserted: 0, existing: 2 });
      const noIds = file('noid.jsonl', jsonl([{ text: 'one' }, { text: 'two' }]));
      await importFile(store, { file: noIds, dataset: 'noid', actor: 'test' });
      const second = await importFile(store, { file: noIds, dataset: 'noid', actor: 'test' });
      expect(second.inserted).toBe(0);
      expect(await store.records.count((await store.datasets.get('noid')).id)).toBe(2);
    });

    it('keeps --metadata columns out of the inferred fields', async () => {
      const p = file('meta.jsonl', jsonl(chatRows));
      const s = await importFile(store, { file: p, dataset: 'meta', actor: 'test', metadata: ['intent'] });
      expect(s.settings?.fields).toEqual([{ name: 'messages', type: 'chat', required: true }]);
      const r = await store.records.findByExternalId((await store.datasets.get('meta')).id, 'a');
      expect(r?.metadata).toEqual({ language: 'en', intent: 'refund' });
    });

    it('maps columns with --map and --id', async () => {
      const p = file(
        'mapped.jsonl',
        jsonl([{ key: 'k1', question: 'Why?', answer: 'Because.', extra: 'meta' }]),
      );
      const s = await importFile(store, {
        file: p,
        dataset: 'mapped',
        actor: 'test',
        idColumn: 'key',
        map: new Map([
          ['prompt', 'question'],
          ['response', 'answer'],
        ]),
      });
      expect(s.settings?.fields.map((f) => f.name)).toEqual(['prompt', 'response']);
      const r = await store.records.findByExternalId((await store.datasets.get('mapped')).id, 'k1');
      expect(r?.fields).toEqual({ prompt: 'Why?', response: 'Because.' });
      expect(r?.metadata).toEqual({ extra: 'meta' });
    });

    it('uses given settings for a new dataset and validates rows against them', async () => {
      const settings = datasetSettings.parse({ fields: [{ name: 'text', type: 'text' }] });
      const p = file('typed.jsonl', jsonl([{ text: 'ok' }, { text: 42 }]));
      const err = await importFile(store, { file: p, dataset: 'typed', settings, actor: 'test' }).catch(
        (e) => e,
      );
      expect(err).toMatchObject({ code: 'bad_input', location: { line: 2 } });
      expect(err.message).toContain("field 'text'");
      expect(err.message).toContain('expected a string, found a number');
      // Nothing from the file was committed, not even the dataset it would have created.
      expect(await store.datasets.find('typed')).toBeUndefined();
    });

    it('rolls back everything on a bad line deep in the file and keeps what was stored before', async () => {
      const good = file('good.jsonl', jsonl([{ id: 1, text: 'kept' }]));
      await importFile(store, { file: good, dataset: 'safe', actor: 'test' });
      const rows = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: i + 100, text: `t${i}` }));
      rows[2300] = '{"id": 9999, "text": ';
      const bad = file('bad.jsonl', `${rows.join('\n')}\n`);
      const err = await importFile(store, { file: bad, dataset: 'safe', actor: 'test' }).catch((e) => e);
      expect(err).toMatchObject({ code: 'bad_input', location: { file: bad, line: 2301 } });
      expect(err.message).toMatch(/malformed JSON/i);
      const d = await store.datasets.get('safe');
      expect(await store.records.count(d.id)).toBe(1);
      const events = await store.events.list({ datasetId: d.id });
      expect(events.filter((e) => e.action === 'records.insert')).toHaveLength(1);
    });

    it('names missing fields, wrong chat shapes and invalid UTF-8 with their lines', async () => {
      const settings = datasetSettings.parse({ fields: [{ name: 'messages', type: 'chat' }] });
      const missing = file(
        'missing.jsonl',
        jsonl([{ messages: [{ role: 'user', content: 'x' }] }, { other: 1 }]),
      );
      await expect(
        importFile(store, { file: missing, dataset: 'm1', settings, actor: 't' }),
      ).rejects.toMatchObject({
        location: { line: 2 },
        message: expect.stringContaining("missing field 'messages'"),
      });
      const role = file('role.jsonl', jsonl([{ messages: [{ role: 'robot', content: 'x' }] }]));
      await expect(
        importFile(store, { file: role, dataset: 'm2', settings, actor: 't' }),
      ).rejects.toMatchObject({
        location: { line: 1 },
        message: expect.stringContaining('messages[0].role'),
      });
      const utf = file(
        'utf.jsonl',
        Buffer.concat([
          Buffer.from('{"text":"ok"}\n{"text":"'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}\n'),
        ]),
      );
      await expect(importFile(store, { file: utf, dataset: 'm3', actor: 't' })).rejects.toMatchObject({
        location: { line: 2 },
        message: expect.stringMatching(/UTF-8/),
      });
      const empty = file('empty.jsonl', '');
      await expect(importFile(store, { file: empty, dataset: 'm4', actor: 't' })).rejects.toMatchObject({
        code: 'bad_input',
        message: expect.stringContaining('empty'),
      });
    });

    it('infers a column by what most of its values are, so an odd row is reported with its line', async () => {
      const p = file('odd.jsonl', jsonl([{ text: 'a' }, { text: 'b' }, { text: 3 }]));
      await expect(importFile(store, { file: p, dataset: 'odd', actor: 't' })).rejects.toMatchObject({
        code: 'bad_input',
        location: { line: 3 },
        message: expect.stringContaining("field 'text'"),
      });
      const none = file('none.jsonl', jsonl([{ id: 1, n: 2 }]));
      await expect(importFile(store, { file: none, dataset: 'none', actor: 't' })).rejects.toMatchObject({
        code: 'bad_input',
        message: expect.stringContaining('could not infer a text or chat field'),
      });
    });

    it('rejects a NUL character by line, which PostgreSQL jsonb cannot store', async () => {
      const p = file(
        'nul.jsonl',
        `${JSON.stringify({ id: 1, text: 'ok' })}\n${JSON.stringify({ id: 2, text: 'a\u0000b' })}\n`,
      );
      await expect(importFile(store, { file: p, dataset: 'nul', actor: 't' })).rejects.toMatchObject({
        code: 'bad_input',
        location: { line: 2 },
        message: expect.stringContaining(
          "field 'text': text contains U+0000, which PostgreSQL cannot store (refused on every store)",
        ),
      });
      const s = await importFile(store, {
        file: p,
        dataset: 'nul',
        actor: 't',
        skipInvalid: true,
        reportPath: join(dir, 'nul-report.jsonl'),
      });
      expect(s).toMatchObject({ inserted: 1, rejected: 1 });
    });

    it('names where U+0000 is, row by row, and --skip-invalid imports every other row (one rule on both stores)', async () => {
      const p = file(
        'nul-where.jsonl',
        jsonl([
          { id: 1, text: 'ok' },
          { id: 2, text: 'fine', topic: 'a\u0000b' },
          { id: 3, text: 'fine', extra: { tags: ['x', 'y\u0000'] } },
          { id: 4, text: 'fine', 'bad\u0000key': 1 },
          { id: '5\u0000', text: 'fine' },
          { id: 6, text: 'also ok' },
        ]),
      );
      const report = join(dir, 'nul-where-report.jsonl');
      const s = await importFile(store, {
        file: p,
        dataset: 'nulw',
        actor: 't',
        metadata: ['topic'],
        skipInvalid: true,
        reportPath: report,
      });
      expect(s).toMatchObject({ rows: 6, inserted: 2, rejected: 4 });
      const errors = readFileSync(report, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { line: number; error: string });
      expect(errors.map((e) => [e.line, e.error.split(':')[0]])).toEqual([
        [2, "metadata column 'topic'"],
        [3, "metadata column 'extra.tags[1]'"],
        [4, `a metadata column's name ("bad\\u0000key")`],
        [5, 'the id'],
      ]);
      const [page] = await collect(store, (await store.datasets.get('nulw')).id);
      expect(page!.map((r) => r.externalId).sort()).toEqual(['1', '6']);
    });

    it('--skip-invalid imports the good rows and reports the rejected ones', async () => {
      const p = file(
        'some-bad.jsonl',
        `${JSON.stringify({ id: 1, text: 'a' })}\nnot json\n[1,2]\n${JSON.stringify({ id: 2, text: 'b' })}\n`,
      );
      const report = join(dir, 'rejected.jsonl');
      const s = await importFile(store, {
        file: p,
        dataset: 'skip',
        actor: 't',
        skipInvalid: true,
        reportPath: report,
      });
      expect(s).toMatchObject({ rows: 4, inserted: 2, rejected: 2, report });
      const lines = readFileSync(report, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.line)).toEqual([2, 3]);
      expect(lines[1].error).toMatch(/expected a JSON object/);
    });

    it('imports CSV with line numbers and JSON arrays', async () => {
      const csv = file('rows.csv', 'id,text,label\n1,"hello, world",x\n2,"multi\nline",y\n');
      const s = await importFile(store, { file: csv, dataset: 'csv', actor: 't' });
      expect(s).toMatchObject({ format: 'csv', inserted: 2 });
      const d = await store.datasets.get('csv');
      const r2 = await store.records.findByExternalId(d.id, '2');
      expect(r2?.fields).toEqual({ text: 'multi\nline', label: 'y' });
      expect(r2?.provenance).toMatchObject({ line: 3, format: 'csv' });
      const arr = file(
        'rows.json',
        JSON.stringify(
          [
            { id: 'x', text: 'one' },
            { id: 'y', text: 'two' },
          ],
          null,
          2,
        ),
      );
      const a = await importFile(store, { file: arr, dataset: 'arr', actor: 't' });
      expect(a).toMatchObject({ format: 'json', inserted: 2 });
      const y = await store.records.findByExternalId((await store.datasets.get('arr')).id, 'y');
      expect(y?.provenance).toMatchObject({ line: 6 });
    });
  });
}

async function collect(store: Store, datasetId: number) {
  const pages = [];
  for await (const p of store.records.stream(datasetId)) pages.push(p);
  return pages;
}
