/**
 * All published quality heuristics on one text: Gopher quality, Gopher repetition, C4 and
 * FineWeb, with thresholds a dataset's settings can override (`qualityThresholds` fills in the
 * published defaults; every threshold can be null to disable its rule, every filter turned off).
 *
 * These filters were designed for English web pages. Word counts work for any script (see
 * text-units.ts), but thresholds such as Gopher's mean word length, C4's five sentences or
 * FineWeb's short lines reject short chat turns and unspaced scripts by design; tune them per
 * dataset. Pass the text's language so the English-only stop-word rule is skipped for others.
 */
import { z } from 'zod';
import { type C4Stats, c4Quality, c4Thresholds } from './c4.js';
import { type FinewebStats, finewebQuality, finewebThresholds } from './fineweb.js';
import {
  type GopherQualityStats,
  type GopherRepetitionStats,
  gopherQuality,
  gopherQualityThresholds,
  gopherRepetition,
  gopherRepetitionThresholds,
} from './gopher.js';
import type { QualityFailure, QualityOptions, QualityResult } from './result.js';

export type { QualityFailure, QualityOptions, QualityResult } from './result.js';

const toggle = z.boolean().default(true);

/** Per-dataset thresholds; every key optional, defaults are the published values. */
export const qualityThresholds = z.strictObject({
  gopherQuality: gopherQualityThresholds.extend({ enabled: toggle }).prefault({}),
  gopherRepetition: gopherRepetitionThresholds.extend({ enabled: toggle }).prefault({}),
  c4: c4Thresholds.extend({ enabled: toggle }).prefault({}),
  fineweb: finewebThresholds.extend({ enabled: toggle }).prefault({}),
});
export type QualityThresholds = z.infer<typeof qualityThresholds>;
/** What a dataset's settings may carry: any subset of the thresholds. */
export type QualityThresholdsInput = z.input<typeof qualityThresholds>;

export interface QualityReport {
  passed: boolean;
  /** Every failed rule of every filter that ran (rule names carry the filter's prefix). */
  failures: QualityFailure[];
  results: {
    gopherQuality?: QualityResult<GopherQualityStats>;
    gopherRepetition?: QualityResult<GopherRepetitionStats>;
    c4?: QualityResult<C4Stats>;
    fineweb?: QualityResult<FinewebStats>;
  };
}

export function qualityChecks(
  text: string,
  thresholds: QualityThresholdsInput = {},
  options: QualityOptions = {},
): QualityReport {
  const t = qualityThresholds.parse(thresholds);
  const results: QualityReport['results'] = {};
  const { enabled: gq, ...gopherQ } = t.gopherQuality;
  const { enabled: gr, ...gopherR } = t.gopherRepetition;
  const { enabled: c4, ...c4T } = t.c4;
  const { enabled: fw, ...fwT } = t.fineweb;
  if (gq) results.gopherQuality = gopherQuality(text, gopherQ, options);
  if (gr) results.gopherRepetition = gopherRepetition(text, gopherR, options);
  if (c4) results.c4 = c4Quality(text, c4T, options);
  if (fw) results.fineweb = finewebQuality(text, fwT, options);
  const failures = Object.values(results).flatMap((r) => r.failures);
  return { passed: failures.length === 0, failures, results };
}

export {
  c4Quality,
  c4Thresholds,
  finewebQuality,
  finewebThresholds,
  gopherQuality,
  gopherQualityThresholds,
  gopherRepetition,
  gopherRepetitionThresholds,
};
