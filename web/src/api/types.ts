/**
 * The HTTP API's shapes as the web app sees them. They mirror `src/server/views.ts`; the API tests
 * check the server's side, the end-to-end tests check that the two agree.
 */

export type Role = 'owner' | 'admin' | 'reviewer' | 'annotator';
export type RecordStatus = 'new' | 'checked' | 'flagged' | 'in_review' | 'accepted' | 'rejected';
export type ResponseStatus = 'draft' | 'submitted' | 'discarded';
export type Round = 'annotate' | 'review' | 'second';

export interface User {
  id: number;
  username: string;
  role: Role;
  languages: string[];
}

export interface Option {
  value: string;
  text?: string;
  description?: string;
}

export type FieldSettings = {
  name: string;
  title?: string;
  required: boolean;
  type: 'text' | 'markdown' | 'chat' | 'json';
};

interface QuestionBase {
  name: string;
  title?: string;
  description?: string;
  required: boolean;
}

export type QuestionSettings =
  | (QuestionBase & { type: 'label'; options: Option[] })
  | (QuestionBase & { type: 'multi_label'; options: Option[] })
  | (QuestionBase & { type: 'rating'; values: number[] })
  | (QuestionBase & { type: 'ranking'; options: Option[] })
  | (QuestionBase & { type: 'text'; corrects?: string; markdown: boolean })
  | (QuestionBase & { type: 'span'; field: string; labels: Option[]; allowOverlap: boolean })
  | (QuestionBase & {
      type: 'preference';
      options: [string, string];
      allowTie: boolean;
      strength: boolean;
    });

export interface DatasetSettings {
  fields: FieldSettings[];
  questions: QuestionSettings[];
  metadata: { name: string; title?: string; type: 'terms' | 'integer' | 'float'; values?: string[] }[];
  guidelines: string;
  distribution: { responsesPerRecord: number };
  languages: string[];
}

export interface DatasetSummary {
  name: string;
  records: number;
  byStatus: Partial<Record<RecordStatus, number>>;
  createdAt: number;
}

export interface DatasetDetail extends DatasetSummary {
  settings: DatasetSettings;
  /** Check names that have results in this dataset, for the records filter. */
  checks: string[];
}

/** Answer values per question type. */
export type SpanValue = { start: number; end: number; label: string }[];
export type RankingValue = { value: string; rank: number }[];
export type PreferenceValue = { choice: 'A' | 'B' | 'tie'; strength?: 'slight' | 'clear' | 'strong' };
export type ChatMessage = { role: 'system' | 'user' | 'assistant' | 'tool'; content: string; name?: string };
export type AnswerValue =
  | string
  | string[]
  | number
  | SpanValue
  | RankingValue
  | PreferenceValue
  | ChatMessage[];
export type Values = Record<string, AnswerValue>;

export interface ResponseView {
  id: number;
  username: string;
  round: number;
  values: Values;
  status: ResponseStatus;
  reason: string | null;
  timeSpentMs: number;
  updatedAt: number;
}

export interface SuggestionView {
  question: string;
  value: AnswerValue;
  score: number | null;
  agent: string;
}

export interface CheckView {
  check: string;
  passed: boolean;
  score: number | null;
  details: unknown;
}

export interface CommentView {
  id: number;
  username: string;
  body: string;
  createdAt: number;
}

export interface FinalValue {
  value: AnswerValue;
  method: string;
  decidedBy: string | null;
  confidence?: number;
  at: string;
}

export interface RecordView {
  id: number;
  dataset: string;
  externalId: string;
  fields: Record<string, unknown>;
  metadata: Record<string, unknown>;
  language: string | null;
  status: RecordStatus;
  version: number;
  finalValues: Record<string, FinalValue> | null;
  suggestions: SuggestionView[];
  checks: CheckView[];
  /** The caller's own response in the round they are working in, if any (drafts included). */
  response: ResponseView | null;
  /** Everyone's responses: only for reviewers, admins and owners. */
  responses?: ResponseView[];
  comments: CommentView[];
}

export interface NextRecord {
  record: RecordView;
  lease: { expiresAt: number; round: Round };
}

export interface RecordPage {
  records: RecordView[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
  total: number;
}

export interface AnnotatorProgress {
  username: string;
  submitted: number;
  discarded: number;
  drafts: number;
  skipped: number;
  /** Median milliseconds per submitted response, null before the first. */
  medianTimeMs: number | null;
  meanTimeMs: number | null;
  lastAt: number | null;
}

export interface Progress {
  dataset: string;
  total: number;
  byStatus: Partial<Record<RecordStatus, number>>;
  responsesPerRecord: number;
  /** Submitted (or discarded) responses the dataset still needs to reach its overlap. */
  remainingResponses: number;
  /** Records with all their responses and no final decision yet. */
  awaitingReview: number;
  annotators: AnnotatorProgress[];
}

export type ReviewAction =
  | { action: 'accept'; responseId: number; comment?: string }
  | { action: 'edit'; values: Values; comment?: string }
  | { action: 'return'; usernames: string[]; comment: string }
  | { action: 'reject'; comment: string };

export type SecondVerdict = { verdict: 'agree'; comment?: string } | { verdict: 'disagree'; comment: string };

/** A 95% interval: [low, high]. */
export type Interval = [number, number];

/** GET /api/datasets/{name}/qa (reviewers, admins, owners): mirrors `src/review/qa.ts`. */
export interface QuestionQa {
  question: string;
  type: QuestionSettings['type'];
  /** Records with at least two answers to this question. */
  items: number;
  agreement: {
    level: 'nominal' | 'ordinal' | 'interval' | 'ratio';
    alpha: number;
    interval: Interval | null;
  } | null;
  /** Why there is no agreement figure, when there is none. */
  note?: string;
  distribution: { value: string; count: number; share: number }[];
}

export interface GoldAccuracy {
  records: number;
  compared: number;
  correct: number;
  accuracy: number | null;
  interval: Interval | null;
  /** Clearly below the dataset's bar: even the interval's upper end is under it. */
  flagged: boolean;
}

export interface AnnotatorQa {
  username: string;
  records: number;
  discarded: number;
  medianTimeMs: number | null;
  gold: GoldAccuracy | null;
  consensus: { compared: number; agreed: number; rate: number | null; interval: Interval | null };
  /** Why they are paused on this dataset, or null. */
  paused: string | null;
}

export interface QaReport {
  dataset: string;
  records: number;
  answered: number;
  questions: QuestionQa[];
  annotators: AnnotatorQa[];
  disputed: { id: number; externalId: string; disagreement: number; status: RecordStatus }[];
  secondReview: { reviewed: number; disagreed: number; errorRate: number | null; interval: Interval | null };
}

export interface ApiError {
  error: { code: string; message: string };
}
