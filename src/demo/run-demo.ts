import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSettings } from '../core/settings-file.js';
import { type ImportSummary, importFile } from '../import/import-file.js';
import { type ExportSummary, exportDataset } from '../release/export/export-dataset.js';
import type { Store } from '../store/connect.js';
import { countByStatus, getDataset } from '../store/datasets.js';
import { type SimulatedReview, simulateReview } from './simulated-review.js';

export const DEMO_DATASET = 'support-demo';

/** The shipped example, found relative to this file in both src/ (tests) and dist/ (the bin). */
const exampleDir = fileURLToPath(new URL('../../examples/support-conversations/', import.meta.url));

export interface DemoResult {
  store: string;
  dataset: string;
  imported: ImportSummary;
  review: SimulatedReview;
  export: ExportSummary;
  byStatus: Record<string, number>;
  nextSteps: string[];
}

/**
 * The canonical story on what exists today: multilingual support conversations are imported with
 * the review questions (grammar, factual correctness, cultural appropriateness, flow, corrections),
 * a scripted reviewer rejects the planted flaws and corrects one policy error in place, and the
 * accepted data leaves as OpenAI fine-tuning JSONL with the corrected turn. Safe to run again: the import is idempotent.
 */
export async function runDemo(
  store: Store,
  opts: { count?: number; out: string; log: (line: string) => void },
): Promise<DemoResult> {
  const file = `${exampleDir}conversations.jsonl`;
  const settingsFile = `${exampleDir}settings.yaml`;
  const settings = parseSettings(readFileSync(settingsFile, 'utf8'), settingsFile);
  opts.log(`1/3 Importing multilingual support conversations into '${DEMO_DATASET}' (${store.location})…`);
  const imported = await importFile(store, {
    file,
    dataset: DEMO_DATASET,
    settings,
    actor: 'demo',
    ...(opts.count ? { limit: opts.count } : {}),
  });
  opts.log(
    `    ${imported.inserted} new, ${imported.existing} already there; review questions: ${settings.questions.map((q) => q.name).join(', ')}`,
  );

  opts.log(
    '2/3 A scripted reviewer (demo-review.json, standing in for the annotation app) rejects the conversations with planted flaws and corrects an agent turn that breaks the refund policy…',
  );
  const review = await simulateReview(store, DEMO_DATASET);
  opts.log(
    `    ${review.accepted} accepted, ${review.rejected} rejected, ${review.corrected} corrected in place (${review.correctedIds.join(', ') || 'none'})`,
  );

  opts.log(`3/3 Exporting accepted conversations as OpenAI chat fine-tuning JSONL…`);
  const exported = await exportDataset(store, {
    dataset: DEMO_DATASET,
    format: 'openai',
    status: ['accepted'],
    out: opts.out,
  });
  opts.log(`    ${exported.written} conversations written to ${opts.out}`);

  const d = await getDataset(store, DEMO_DATASET);
  const byStatus = (await countByStatus(store, d.id)) as Record<string, number>;
  const db = store.location;
  const nextSteps = [
    '',
    `Done. The store is ${db}; the training file is ${opts.out}.`,
    '',
    'Try next (after npm ci, the CLI is `npx tandem`):',
    `  npx tandem datasets show ${DEMO_DATASET}                  # fields, questions, counts per status`,
    `  npx tandem export --dataset ${DEMO_DATASET} --format sharegpt --status accepted`,
    `  npx tandem export --dataset ${DEMO_DATASET} --format jsonl --status rejected   # lineage: provenance, final values, who decided`,
    '  npx tandem import your-data.jsonl --dataset mine           # fields are inferred; --settings to choose them',
    '  examples/support-conversations/FLAWS.md lists the planted errors the reviewer caught.',
  ];
  return { store: db, dataset: DEMO_DATASET, imported, review, export: exported, byStatus, nextSteps };
}
