/**
 * The HTTP API's shapes as the web app sees them: declared once, in zod, in `src/core/api/` (the
 * server's route table declares its responses with the same shapes), and imported here as types
 * only, so none of that code reaches the bundle. Each type is what a client reads (`z.infer`).
 */

export type { ResponseStatus, Role } from '../../../src/core/annotation.js';
export type {
  Account,
  AnnotatorProgress,
  AnnotatorQa,
  ApiError,
  AssignedResult,
  BulkRequest,
  BulkResult,
  CheckView,
  CommentResult,
  CommentView,
  DatasetDetail,
  DatasetList,
  DatasetResult,
  DatasetSummary,
  FinalValue,
  GoldAccuracy,
  Interval,
  LineageResult,
  LineageView,
  MemberList,
  NextRecord,
  Ok,
  Progress,
  QaReport,
  QuestionQa,
  RecordPage,
  RecordResult,
  RecordView,
  ReleaseChange,
  ReleaseChangelog,
  ReleaseDetail,
  ReleaseDiffView,
  ReleaseList,
  ReleaseSummary,
  RespondBody,
  RespondResult,
  ResponseView,
  ReviewAction,
  Round,
  SecondVerdict,
  SessionInfo,
  SuggestionView,
  User,
  Values,
} from '../../../src/core/api/index.js';
export type { FieldSettings } from '../../../src/core/fields.js';
export type { Option, QuestionSettings } from '../../../src/core/questions.js';
export type { RecordStatus } from '../../../src/core/record.js';
export type { DatasetSettings } from '../../../src/core/settings.js';
export type {
  AnswerValue,
  ChatMessage,
  PreferenceValue,
  RankingEntry,
  Span,
} from '../../../src/core/values.js';

import type { RankingEntry, Span } from '../../../src/core/values.js';

/** Answer values per question type. */
export type SpanValue = Span[];
export type RankingValue = RankingEntry[];
