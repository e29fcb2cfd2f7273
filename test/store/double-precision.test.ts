import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { contextOf } from '../../src/store/store.js';
import { backends } from '../helpers/stores.js';

/**
 * Costs and scores keep a double's precision on both stores (migration 012: PostgreSQL's `real` is a
 * 4-byte float, which turned 1/3 into 0.33333334 and made a dataset's cost drift in the 8th digit).
 */
for (const b of backends()) {
  describe.skipIf(b.skip)(`costs and scores on ${b.name}`, () => {
    const backend = b.make();
    afterAll(() => backend.cleanup());

    it('come back exactly as stored, and sum as doubles', async () => {
      const store = await backend.open();
      try {
        const costs = [1 / 3, 2 / 7, 1e-7 / 3].map((x) => x * 1e-3);
        for (const [i, costUsd] of costs.entries()) {
          await store.llmCache.put({
            key: `k${i}`,
            provider: 'openai:m',
            model: 'm',
            response: { text: 'x' },
            inputTokens: 1,
            outputTokens: 1,
            costUsd,
          });
        }
        for (const [i, c] of costs.entries()) expect((await store.llmCache.get(`k${i}`))?.costUsd).toBe(c);
        const { costUsd } = await store.llmCache.costOf(['k0', 'k1', 'k2']);
        expect(costUsd).toBeCloseTo(costs[0]! + costs[1]! + costs[2]!, 15);
        if (b.name === 'postgres') {
          const { rows } = await sql<{ table_name: string; data_type: string }>`
            SELECT table_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name IN ('cost_usd', 'score', 'disagreement')
            ORDER BY table_name`.execute(contextOf(store).db);
          expect(rows).toEqual([
            { table_name: 'check_results', data_type: 'double precision' },
            { table_name: 'llm_cache', data_type: 'double precision' },
            { table_name: 'records', data_type: 'double precision' },
            { table_name: 'suggestions', data_type: 'double precision' },
          ]);
        }
      } finally {
        await store.close();
      }
    });
  });
}
