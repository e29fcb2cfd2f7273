import { describe, expect, it } from 'vitest';
import type { DatasetSettings } from '../../../src/core/settings.js';
import { runChecks } from '../../../src/stages/checks/run-checks.js';
import { openStore } from '../../../src/store/connect.js';
import { setUpFakeLlm } from '../../helpers/fake-llm/set-up-fake-llm.js';
import { fixtures } from '../../helpers/files.js';

const file = fixtures('semantic', '.db');
const llm = setUpFakeLlm({ embeddingDims: 32 }, { key: 'k' });

const settings = (checks: Record<string, unknown>) =>
  ({
    fields: [{ name: 'text', type: 'text', required: true }],
    questions: [],
    metadata: [],
    guidelines: '',
    distribution: { responsesPerRecord: 1 },
    languages: [],
    checks,
  }) as DatasetSettings;

describe('semantic duplicates through an embedding endpoint', () => {
  it('flags records whose embeddings match a kept one, keeping the accepted record, in batches', async () => {
    const store = await openStore(file(''));
    try {
      const d = await store.datasets.create(
        'sem',
        settings({ semantic_dedup: { provider: 'openai:embed-test', threshold: 0.99, batch: 3 } }),
        'test',
      );
      const texts = [
        'Return the boots within thirty days.',
        'Tents must be dried before storage.',
        'Stoves stay outside.',
      ];
      await store.records.insert(
        d.id,
        [
          ...texts.map((t, i) => ({
            externalId: `r${i}`,
            fields: { text: t },
            metadata: {},
            provenance: {
              origin: 'synthetic' as const,
              recipe: 'r',
              provider: 'template',
              samplerValues: {},
            },
            contentHash: `h${i}`,
          })),
          {
            externalId: 'copy',
            fields: { text: texts[0]! },
            metadata: {},
            provenance: {
              origin: 'imported' as const,
              file: 'x.jsonl',
              line: 1,
              format: 'jsonl' as const,
              importId: 'i1',
              idFrom: 'column' as const,
            },
            contentHash: 'copy',
            status: 'accepted' as const,
          },
        ],
        'test',
      );
      const s = await runChecks(store, { dataset: 'sem', only: ['semantic_dedup'], actor: 'test' });
      expect(s.checks).toEqual([
        {
          check: 'semantic_dedup',
          records: 4,
          failed: 1,
          reasons: [{ reason: 'says the same as a kept record', count: 1 }],
        },
      ]);
      const r0 = (await store.records.findByExternalId(d.id, 'r0'))!;
      expect((await store.checkResults.forRecord(r0.id))[0]).toMatchObject({
        check: 'semantic_dedup',
        passed: false,
        details: { duplicateOf: 'copy', provider: 'openai:embed-test' },
      });
      // Four texts in batches of three: two requests.
      expect(llm.fake.stats.byPath['POST /v1/embeddings']).toBe(2);
    } finally {
      await store.close();
    }
  });
});
