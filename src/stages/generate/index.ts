/** What later stages use of generation: reading a recipe and what its samplers ask for. */
export { type CompiledRecipe, samplerColumnsOf } from './recipe/compiled.js';
export { loadRecipe } from './recipe/load.js';
export { type CombinationDomain, combinationDomain } from './samplers/combinations.js';
export { type CoverageReport, coverageTally } from './samplers/coverage-report.js';
