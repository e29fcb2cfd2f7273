/** What later stages use of the checks stage: the LLM judge's settings, what it reads and how it
 * grades; evaluation sets (release decontamination reads the same files as the decontaminate check);
 * and a record's text as checks read it. */
export { readEvalFile } from './eval-sets.js';
export {
  askJudge,
  grade,
  type JudgeConfig,
  judgeConfig,
  offlineJudgeAnswer,
  renderTarget,
  type Scores,
} from './judge.js';
export { recordTexts } from './record-texts.js';
