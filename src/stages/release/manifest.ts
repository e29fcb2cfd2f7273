import type { RecordStatus } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { Level } from '../../stats/agreement/data.js';
import type { DecontaminationReport } from './decontaminate.js';
import type { MixReport } from './mix.js';
import type { Waiver } from './pii-gate.js';
import type { SplitSpec } from './splits.js';

/**
 * What a release says about itself, written once with it. Everything the dataset card and a later
 * diff need is here, including the dataset's settings as they were, so that exporting an old
 * release after the settings changed still gives the same files.
 */
export interface ReleaseManifest {
  manifestVersion: 1;
  dataset: string;
  version: string;
  /** The release this one was cut from (`--since`), or the latest one before it. */
  base: string | null;
  createdBy: string;
  createdAt: string;
  notes: string;
  statuses: RecordStatus[];
  records: number;
  releaseHash: string;
  splits: (SplitSpec & { records: number })[];
  stratifyBy: string[];
  /** Records per stratum and split. */
  strata: { stratum: string; counts: Record<string, number> }[];
  leakage: {
    groups: number;
    groupedRecords: number;
    links: number;
    crossSplitPairs: number;
    pinnedFromBase: number;
    movedGroups: number;
    /** Records that failed the decontamination check, per split. */
    contaminated: Record<string, number>;
  };
  mix: MixReport | null;
  /** `--decontaminate`: the evaluation sets scanned, the records found, whether they were left out. */
  decontamination?: DecontaminationReport;
  origins: Record<string, number>;
  recipes: { recipe: string; recipeHash: string | null; records: number }[];
  models: { provider: string; model: string; records: number }[];
  languages: Record<string, number>;
  checks: { check: string; records: number; failed: number }[];
  pii: { findings: number; waivers: Waiver[] };
  /** The audits the release required (`--require-audit`) and the newest of each kind it found. */
  audits?: { kind: string; audit: number; at: number; summary: string }[];
  annotation: {
    annotators: number;
    responses: number;
    decidedBy: Record<string, number>;
    /** Per question, over the released records (absent in manifests made before it was added). */
    agreement?: AgreementRow[];
  };
  settings: DatasetSettings;
}

/**
 * One question's agreement in a release: Krippendorff's alpha at the question's level with its 95%
 * bootstrap interval (as `tandem qa` computes it), or why there is none; `items` are the released
 * records with two or more answers to it, `annotators` everyone who answered it on them.
 */
export type AgreementRow = { question: string; type: string; items: number; annotators: number } & (
  | { level: Level; alpha: number; interval: [number, number] | null }
  | { note: string }
);
