import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRecipe } from '../stages/generate/recipe/load.js';
import { diversityOfRun } from '../stages/generate/run/run-diversity.js';
import { type GenerateSummary, runGeneration } from '../stages/generate/run/run-generation.js';
import { type ExportSummary, exportDataset } from '../stages/release/export/export-dataset.js';
import type { OpenStore } from '../store/store.js';
import { type SimulatedReview, simulateReview } from './simulated-review.js';

export const DEMO_DATASET = 'support-demo';

/** The shipped example, found relative to this file in both src/ (tests) and dist/ (the bin). */
const exampleDir = fileURLToPath(new URL('../../examples/support-conversations/', import.meta.url));

export interface DemoResult {
  store: string;
  dataset: string;
  generated: GenerateSummary;
  review: SimulatedReview;
  export: ExportSummary;
  byStatus: Record<string, number>;
  nextSteps: string[];
}

/**
 * The canonical story on what exists today: the generation runner writes multilingual support
 * conversations (offline: the template provider fills each from one of 72 curated scenarios, planted
 * flaws included) into a dataset with review questions (grammar, factual correctness, cultural
 * appropriateness, flow, corrections); a scripted reviewer rejects the flawed ones and corrects one
 * policy error in place; the accepted data leaves as OpenAI fine-tuning JSONL with the corrected
 * turn. Safe to run again: rows already generated are skipped.
 */
export async function runDemo(
  store: OpenStore,
  opts: { count?: number; out: string; log: (line: string) => void },
): Promise<DemoResult> {
  const recipeFile = `${exampleDir}demo-recipe.yaml`;
  const recipe = loadRecipe(readFileSync(recipeFile, 'utf8'), recipeFile);
  opts.log(
    `1/3 Generating multilingual support conversations into '${DEMO_DATASET}' (${store.location}) with the offline template provider…`,
  );
  const generated = await runGeneration(store, {
    recipe,
    provider: 'template',
    actor: 'demo',
    ...(opts.count ? { count: opts.count } : {}),
  });
  const diversity = await diversityOfRun(store, recipe, generated);
  opts.log(
    `    ${generated.rows.stored} new, ${generated.rows.alreadyStored} already there (recipe ${recipe.recipe.name}, seeded by 72 curated scenarios in 8 languages)`,
  );
  for (const line of diversity.lines) opts.log(`    ${line}`);

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

  const d = await store.datasets.get(DEMO_DATASET);
  const byStatus = (await store.datasets.countByStatus(d.id)) as Record<string, number>;
  const db = store.location;
  const nextSteps = [
    '',
    `Done. The store is ${db}; the training file is ${opts.out}.`,
    '',
    'Try next (the CLI is `./tandem` in a checkout, `tandem` once installed):',
    `  tandem datasets show ${DEMO_DATASET}                  # fields, questions, counts per status`,
    `  tandem export --dataset ${DEMO_DATASET} --format sharegpt --status accepted`,
    `  tandem export --dataset ${DEMO_DATASET} --format jsonl --status rejected   # lineage: provenance, final values, who decided`,
    '  tandem generate examples/support-conversations/recipe.yaml --dry-run   # prompts and cost before paying',
    '  tandem generate examples/grounded-qa/recipe.yaml --provider template   # any recipe runs offline',
    '  tandem import your-data.jsonl --dataset mine           # fields are inferred; --settings to choose them',
    '  examples/support-conversations/FLAWS.md lists the planted errors the reviewer caught.',
  ];
  return { store: db, dataset: DEMO_DATASET, generated, review, export: exported, byStatus, nextSteps };
}
