/** The audit stage's public entry (docs/audits.md). */

export {
  type CounterfactualAudit,
  type CounterfactualOptions,
  type CounterfactualResults,
  counterfactualAudit,
} from './counterfactual/run-counterfactual.js';
export {
  DEFAULT_SWAP_LIST,
  parseSwapList,
  readSwapList,
  SWAP_TYPES,
  type SwapType,
} from './counterfactual/swap-list.js';
export { AXES, DEFAULT_LEXICON, parseLexicon, readLexicon } from './descriptors/lexicon.js';
export type { DescriptorResults } from './descriptors/tally.js';
export { BUILTIN_DIMENSIONS } from './dimensions.js';
export { type DriftResults, driftAudit } from './drift.js';
export { factualQueue, recordVerdict, refreshFactual, VERDICTS } from './factual.js';
export type { FactualResults } from './factual-estimate.js';
export { factualResults } from './factual-estimate.js';
export { type FactualOptions, type FactualSample, startFactualAudit } from './factual-sample.js';
export { auditGate, type GateCheck, type GateResult } from './gate.js';
export type { GroupMetrics, Rate } from './group-metrics.js';
export { buildReport, escapeHtml } from './report/build-report.js';
export type { CrossTab, DimensionResult, RepresentationResults } from './representation.js';
export {
  DEFAULT_MIN_CELL,
  type RepresentationAudit,
  type RepresentationOptions,
  representationAudit,
} from './run-representation.js';
