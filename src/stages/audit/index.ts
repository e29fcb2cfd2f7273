/** The audit stage's public entry (docs/audits.md). */

export { AXES, DEFAULT_LEXICON, parseLexicon, readLexicon } from './descriptors/lexicon.js';
export type { DescriptorResults } from './descriptors/tally.js';
export { BUILTIN_DIMENSIONS } from './dimensions.js';
export type { GroupMetrics, Rate } from './group-metrics.js';
export type { CrossTab, DimensionResult, RepresentationResults } from './representation.js';
export {
  DEFAULT_MIN_CELL,
  type RepresentationAudit,
  type RepresentationOptions,
  representationAudit,
} from './run-representation.js';
