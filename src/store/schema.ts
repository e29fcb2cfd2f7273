import type { ColumnType, Generated } from 'kysely';

/**
 * Table types as Kysely sees them. JSON columns are `text` on SQLite and `jsonb` on PostgreSQL;
 * both are written as JSON strings and read through `readJson`, which accepts either shape.
 * Timestamps are epoch milliseconds (integer / bigint) on both, so comparisons and leases need no
 * dialect-specific date arithmetic. Booleans are 0/1 integers on both, for the same reason.
 */
type Json = ColumnType<unknown, string, string>;
type JsonNullable = ColumnType<unknown | null, string | null, string | null>;
type Id = Generated<number>;
type Millis = number;

export interface DatasetsTable {
  id: Id;
  name: string;
  settings: Json;
  created_at: Millis;
  updated_at: Millis;
}

export interface RecordsTable {
  id: Id;
  dataset_id: number;
  external_id: string;
  fields: Json;
  metadata: Json;
  provenance: Json;
  content_hash: string;
  language: string | null;
  status: string;
  final_values: JsonNullable;
  version: number;
  /** Answers still wanted before the record leaves the annotation queue; NULL = all of them. */
  open_slots: Generated<number | null>;
  gold_values: ColumnType<unknown | null, string | null | undefined, string | null>;
  disagreement: Generated<number | null>;
  /** While every open slot is leased: the earliest of those leases' expiries (a hint for the queue scan). */
  full_until: Generated<number | null>;
  second_review: Generated<string | null>;
  decided_by: Generated<number | null>;
  created_at: Millis;
  updated_at: Millis;
}

export interface SuggestionsTable {
  id: Id;
  record_id: number;
  question: string;
  value: Json;
  score: number | null;
  agent: string;
  created_at: Millis;
}

export interface ResponsesTable {
  id: Id;
  record_id: number;
  user_id: number;
  round: number;
  values: Json;
  status: string;
  reason: string | null;
  time_spent_ms: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface CheckResultsTable {
  id: Id;
  record_id: number;
  check: string;
  passed: number;
  score: number | null;
  details: JsonNullable;
  created_at: Millis;
}

export interface UsersTable {
  id: Id;
  username: string;
  role: string;
  languages: Json;
  password_hash: string | null;
  disabled: number;
  created_at: Millis;
}

export interface SessionsTable {
  /** SHA-256 of the session secret; the secret itself lives only in the cookie. */
  id: string;
  user_id: number;
  csrf_token: string;
  expires_at: Millis;
  created_at: Millis;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Millis;
  last_used_at: Millis | null;
}

export interface DatasetMembersTable {
  dataset_id: number;
  user_id: number;
  /** Why the member may not take records now (low accuracy on gold); null when active. */
  paused_reason: Generated<string | null>;
}

/** Who holds a record now: a lease from the queue (expires) or a standing assignment. */
export interface AssignmentsTable {
  id: Id;
  record_id: number;
  user_id: number;
  round: number;
  kind: string;
  expires_at: Millis | null;
  created_at: Millis;
}

export interface CommentsTable {
  id: Id;
  record_id: number;
  user_id: number;
  body: string;
  created_at: Millis;
}

export interface JobsTable {
  id: Id;
  kind: string;
  /** Groups the jobs of one generation or check run. */
  run_id: string;
  payload: Json;
  status: string;
  attempts: number;
  claimed_by: string | null;
  claimed_until: Millis | null;
  result: JsonNullable;
  error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface LlmCacheTable {
  key: string;
  provider: string;
  model: string;
  response: Json;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  created_at: Millis;
}

export interface ReleasesTable {
  id: Id;
  dataset_id: number;
  version: string;
  notes: string;
  created_by: string;
  record_count: number;
  created_at: Millis;
  /** Set when a later erasure removed one of its records (migration 006). */
  superseded_at: Generated<Millis | null>;
  superseded_reason: Generated<string | null>;
  superseded_by: Generated<number | null>;
  /** The release's manifest (migration 005). */
  manifest: JsonNullable;
  /** SHA-256 over its records' row hashes in record id order (migration 005). */
  release_hash: string | null;
}

export interface ReleaseRecordsTable {
  release_id: number;
  record_id: number;
  content_hash: string;
  split: string;
  /** The record as released: fields, metadata, final values and provenance, frozen. */
  snapshot: Json;
  /** Hash of the snapshot's canonical JSON (migration 005). */
  row_hash: string | null;
  external_id: string | null;
}

export interface EventsTable {
  id: Id;
  at: Millis;
  /** "user:alice", "cli", "system" … */
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  dataset_id: number | null;
  before: JsonNullable;
  after: JsonNullable;
}

/** An erasure's tombstone: no content, only who, when, why and which record ids (migration 006). */
export interface ErasuresTable {
  id: Id;
  dataset_id: number;
  dataset_name: string;
  actor: string;
  reason: string;
  selector: Json;
  record_ids: Json;
  touched: Json;
  releases: Json;
  created_at: Millis;
  purged_at: Millis | null;
}

/** An audit run (migration 007, docs/audits.md). */
export interface AuditsTable {
  id: Id;
  dataset_id: number;
  /** 'representation' | 'factual' | 'drift'. */
  kind: string;
  release_version: string | null;
  params: Json;
  sample: JsonNullable;
  results: JsonNullable;
  /** 'open' while a factual audit's queue waits for verdicts, else 'done'. */
  status: string;
  created_by: string;
  created_at: Millis;
  updated_at: Millis;
}

/** One sampled record of a factual audit, and its auditor's verdict once given. */
export interface AuditItemsTable {
  id: Id;
  audit_id: number;
  record_id: number;
  stratum: string;
  position: number;
  verdict: string | null;
  note: string | null;
  wrong_claims: JsonNullable;
  auditor: string | null;
  at: Millis | null;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: Millis;
}

export interface Database {
  datasets: DatasetsTable;
  records: RecordsTable;
  suggestions: SuggestionsTable;
  responses: ResponsesTable;
  check_results: CheckResultsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  dataset_members: DatasetMembersTable;
  assignments: AssignmentsTable;
  comments: CommentsTable;
  jobs: JobsTable;
  llm_cache: LlmCacheTable;
  releases: ReleasesTable;
  release_records: ReleaseRecordsTable;
  events: EventsTable;
  erasures: ErasuresTable;
  audits: AuditsTable;
  audit_items: AuditItemsTable;
  server_secrets: ServerSecretsTable;
}
