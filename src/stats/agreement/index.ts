/** Inter-annotator agreement: pure functions over judgements coded once into typed arrays. */

export { type CohenResult, type CohenWeights, cohensKappa, cohenWeights } from './cohen.js';
export {
  type AgreementOptions,
  type AgreementReport,
  checkMetricLevel,
  computeAgreement,
  type IntervalMethod,
  METRIC_LEVELS,
  METRIC_NAMES,
  METRICS,
  type Metric,
} from './compute.js';
export {
  type Judgement,
  type Key,
  LEVELS,
  type Level,
  ReliabilityBuilder,
  type ReliabilityData,
  reliabilityData,
  type Value,
} from './data.js';
export { type FleissResult, fleissKappa } from './fleiss.js';
export { type AlphaResult, krippendorffAlpha, RATIO_MAX_VALUES } from './krippendorff.js';
export { type PercentResult, percentAgreement } from './percent.js';
