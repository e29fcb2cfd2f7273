/** Acceptance sampling by attributes: the single sampling plans of ISO 2859-1 (docs/statistics.md). */
export {
  AQL_VALUES,
  aqlColumn,
  CODE_LETTERS,
  type CodeLetter,
  codeLetterFor,
  INSPECTION_LEVELS,
  type InspectionLevel,
  iso2859Plan,
  SAMPLE_SIZES,
  type SamplingPlan,
} from './iso2859.js';
