/** What later stages use of the checks stage: the LLM judge's settings, what it reads and how it grades. */
export {
  grade,
  type JudgeConfig,
  judgeConfig,
  offlineJudgeAnswer,
  renderTarget,
  type Scores,
} from './judge.js';
