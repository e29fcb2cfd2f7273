import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { FinalValues } from '../../../src/core/record.js';
import {
  createRelease,
  diffReleases,
  exportRelease,
  parseSplits,
} from '../../../src/stages/release/index.js';
import type { OpenStore as Store } from '../../../src/store/store.js';
import { type Backend, backends } from '../../helpers/stores.js';
import { seed } from './release-helpers.js';

const actor = 'cli:test';
const dir = mkdtempSync(join(tmpdir(), 'tandem-release-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

const label = (value: string): FinalValues => ({
  label: { value, method: 'majority', decidedBy: null, at: '2026-01-01T00:00:00Z' },
});

interface CardMeta {
  configs: { data_files: { split: string; path: string }[] }[];
  dataset_info: { splits: { name: string; num_examples: number }[] };
  [key: string]: unknown;
}

function cardMeta(folder: string) {
  const text = readFileSync(join(folder, 'README.md'), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error('no YAML front matter');
  return { text, meta: parseYaml(m[1]!) as CardMeta };
}

const filesOf = (folder: string) =>
  Object.fromEntries(
    ['README.md', ...readdirSync(join(folder, 'data')).map((f) => `data/${f}`)].map((f) => [
      f,
      readFileSync(join(folder, f)).toString('base64'),
    ]),
  );

for (const b of backends()) {
  describe.skipIf(b.skip)(`release export and diff on ${b.name}`, () => {
    let backend: Backend;
    let store: Store;
    let ids: number[];
    beforeAll(async () => {
      backend = b.make();
      store = await backend.open();
      ids = await seed(store, 'ship', 200);
      await createRelease(store, {
        dataset: 'ship',
        version: '1.0.0',
        splits: parseSplits('train=0.8,validation=0.1,test=0.1'),
        actor,
      });
    });
    afterAll(async () => {
      await store?.close();
      await backend?.cleanup();
    });

    it('exports one parquet file per split and a card DuckDB and the Hub read; byte-identical again after edits', async () => {
      const out = join(dir, `${b.name}-a`);
      const r = await exportRelease(store, {
        ref: 'ship@1.0.0',
        out,
        format: 'parquet',
        license: 'cc-by-4.0',
      });
      expect(r.files.map((f) => [f.split, f.records])).toEqual([
        ['train', 160],
        ['validation', 20],
        ['test', 20],
      ]);
      const { meta, text } = cardMeta(out);
      expect(meta.configs[0]!.data_files).toEqual([
        { split: 'train', path: 'data/train.parquet' },
        { split: 'validation', path: 'data/validation.parquet' },
        { split: 'test', path: 'data/test.parquet' },
      ]);
      expect(meta).toMatchObject({
        pretty_name: 'ship',
        license: 'cc-by-4.0',
        size_categories: ['n<1K'],
        language: ['de', 'en'],
        multilinguality: 'multilingual',
      });
      expect(meta.dataset_info.splits.map((s) => s.num_examples)).toEqual([160, 20, 20]);
      for (const section of ['## Dataset structure', '## Personal and sensitive information', '## Changelog'])
        expect(text).toContain(section);
      for (const { split, path } of meta.configs[0]!.data_files) {
        const rows = await duck(
          `select count(*)::int as n, min(text) as t from read_parquet('${join(out, path)}')`,
        );
        expect(rows[0]!.n).toBe(meta.dataset_info.splits.find((s) => s.name === split)!.num_examples);
        expect(String(rows[0]!.t)).toMatch(/^record number/);
      }

      // Editing a record afterwards changes neither the release nor its export.
      const rec = await store.records.get(ids[0]!);
      await store.records.update(rec.id, rec.version, { fields: { text: 'changed later' } }, actor);
      const again = join(dir, `${b.name}-b`);
      await exportRelease(store, { ref: 'ship@1.0.0', out: again, format: 'parquet', license: 'cc-by-4.0' });
      expect(filesOf(again)).toEqual(filesOf(out));
    });

    it('exports a training format DuckDB loads as JSON lines', async () => {
      const out = join(dir, `${b.name}-jsonl`);
      await exportRelease(store, { ref: 'ship@1.0.0', out, format: 'jsonl' });
      const rows = await duck(
        `select count(*)::int as n from read_json_auto('${join(out, 'data/test.jsonl')}')`,
      );
      expect(rows[0]!.n).toBe(20);
      await expect(exportRelease(store, { ref: 'ship@1.0.0', out, format: 'csv' })).rejects.toMatchObject({
        code: 'usage',
      });
      await expect(exportRelease(store, { ref: 'ship@9.9.9', out })).rejects.toThrow(
        /ship@9.9.9 does not exist/,
      );
    });

    it('diffs two releases: added, removed, modified fields, relabelled, with a changelog in the card', async () => {
      // Since 1.0.0: r0 edited (above), r1 relabelled, r2 retired with a reason, r200 and r201 new.
      await store.transaction(async (tx) => {
        const s1 = await tx.lifecycle.lockState(ids[1]!);
        await tx.lifecycle.transition(
          s1,
          { type: 'gold_set', goldValues: { label: 'bad' }, finalValues: label('bad') },
          { actor, log: { kind: 'changes' } },
        );
        const s2 = await tx.lifecycle.lockState(ids[2]!);
        await tx.lifecycle.transition(
          s2,
          { type: 'retired' },
          {
            actor,
            log: { kind: 'event', action: 'record.retire', after: { reason: 'customer asked us to' } },
          },
        );
      });
      await seed(store, 'ship', 202);
      const v2 = await createRelease(store, { dataset: 'ship', since: '1.0.0', actor });
      expect(v2.release.version).toBe('1.1.0');
      const d = await diffReleases(store, 'ship@1.0.0', 'ship@1.1.0');
      expect(d.counts).toMatchObject({ added: 2, removed: 1, modified: 1, relabelled: 1, splitChanged: 0 });
      expect(d.counts.unchanged).toBe(197);
      const byExt = Object.fromEntries(d.changes.map((c) => [c.externalId, c]));
      expect(byExt.r0).toMatchObject({ kind: 'changed', fields: ['text'] });
      expect(byExt.r1).toMatchObject({
        kind: 'changed',
        relabelled: [{ question: 'label', from: null, to: 'bad' }],
      });
      expect(byExt.r2).toMatchObject({ kind: 'removed' });
      expect(byExt.r200).toMatchObject({ kind: 'added' });
      const limited = await diffReleases(store, 'ship@1.0.0', 'ship@1.1.0', { limit: 2 });
      expect(limited.changes).toHaveLength(2);
      expect(limited.truncated).toBe(true);

      const out = join(dir, `${b.name}-v2`);
      await exportRelease(store, { ref: 'ship@1.1.0', out });
      const { text } = cardMeta(out);
      expect(text).toContain('Since 1.0.0: 2 added, 1 removed, 1 modified, 1 relabelled');
      expect(text).toContain('r2 (removed), cli:test: customer asked us to');
    });
  });
}
