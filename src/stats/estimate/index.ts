/**
 * Estimating a proportion (a dataset's error rate) with a confidence interval: from a simple random
 * sample (Wilson), a stratified sample (weights by stratum size), or a sample plus an LLM judge on
 * every record (prediction-powered inference, PPI++). Pure functions; see docs/statistics.md.
 */
export { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.js';
export { type PpiInput, type PpiInterval, ppiProportion } from './ppi.js';
export { type StratifiedInterval, type Stratum, stratifiedProportion } from './stratified.js';
export { type StratifiedPpiInterval, stratifiedPpi } from './stratified-ppi.js';
export { wilson } from './wilson.js';
