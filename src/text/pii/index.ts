/** PII detection and anonymization: pure functions over strings (no store, no I/O). */

export {
  analyze,
  analyzeMany,
  analyzeWith,
  RECOGNIZERS,
  resolveOptions,
  resolveOverlaps,
} from './analyze.js';
export { type ChatEntity, type RedactChatOptions, redactChat } from './chat.js';
export { CONTEXT_BOOST } from './context.js';
export { FakeMap, fakeValue } from './fake.js';
export { HmacStream } from './hmac-stream.js';
export {
  type AnonymizedEntity,
  type AnonymizeOptions,
  type AnonymizeResult,
  anonymize,
  mask,
  OPERATORS,
  type OperatorName,
  redactText,
  saltedHash,
} from './operators.js';
export { type AnalyzeOptions, ENTITY_TYPES, type Entity, type EntityType, type Recognizer } from './types.js';
