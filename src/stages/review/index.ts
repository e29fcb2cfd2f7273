/** The review stage's public entry: what later stages, the server and the CLI use of it. */
export { correctionDiffs, validateAnswer } from './answers.js';
export { decide, type Review, type ReviewDecision } from './decide.js';
export { nextForAnnotation } from './next.js';
export { type Answer, respond, skip } from './respond.js';
export { type SecondVerdict, sampledForSecondReview, secondReview } from './second-review.js';
export { setStatus } from './set-status.js';
