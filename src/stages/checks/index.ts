/**
 * What later stages use of the checks stage: evaluation sets (release decontamination reads the
 * same files as the decontaminate check) and a record's text as checks read it.
 */
export { readEvalFile } from './eval-sets.js';
export { recordTexts } from './record-texts.js';
