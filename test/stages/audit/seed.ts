import type { RecordStatus } from '../../../src/core/record.js';
import { datasetSettings } from '../../../src/core/settings.js';
import type { Store } from '../../../src/store/store.js';

/** One record of an audit fixture: its sampler values, language, text, status and check verdicts. */
export interface AuditFixture {
  intent: string;
  persona?: string;
  language: string;
  text: string;
  status?: RecordStatus;
  /** check name → passed (and a judge score). */
  checks?: Record<string, boolean>;
  judge?: { passed: boolean; score: number };
  origin?: 'synthetic' | 'human';
}

/** A dataset of the fixtures, with their check results, in the store. Returns the records' ids in order. */
export async function seedAuditDataset(store: Store, name: string, rows: AuditFixture[]): Promise<number[]> {
  const settings = datasetSettings.parse({
    fields: [{ name: 'text', type: 'text' }],
    questions: [{ name: 'ok', type: 'label', options: ['yes', 'no'] }],
    metadata: [{ name: 'channel', type: 'terms' }],
  });
  const d = await store.datasets.create(name, settings, 'test');
  const res = await store.records.insert(
    d.id,
    rows.map((r, i) => ({
      externalId: `r${i}`,
      fields: { text: r.text },
      // Imported records carry the intent as metadata: the audit reads it there when no sampler made it.
      metadata: { channel: i % 2 ? 'email' : 'chat', ...(r.origin === 'human' ? { intent: r.intent } : {}) },
      provenance:
        r.origin === 'human'
          ? { origin: 'human' as const, author: 'someone' }
          : {
              origin: 'synthetic' as const,
              recipe: 'fixture',
              samplerValues: { intent: r.intent, ...(r.persona ? { persona: r.persona } : {}) },
              provider: 'template',
            },
      contentHash: `h${i}`,
      language: r.language,
      status: r.status ?? 'checked',
    })),
    'test',
  );
  const ids = rows.map((_, i) => res.firstId! + i);
  await store.checkResults.add(
    rows.flatMap((r, i) => [
      ...Object.entries(r.checks ?? {}).map(([check, passed]) => ({ recordId: ids[i]!, check, passed })),
      ...(r.judge
        ? [{ recordId: ids[i]!, check: 'judge', passed: r.judge.passed, score: r.judge.score }]
        : []),
    ]),
  );
  return ids;
}
