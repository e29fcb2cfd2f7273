import { answerStateRepository } from './answer-state.js';
import { clearAssignment, clearReviewLeases, setExpiry, upsertAssignment } from './assignments.js';
import { auditRecordIdsOfRelease, auditRowsOf, streamAuditRows } from './audit-reads.js';
import { auditsRepository } from './audits.js';
import { authRepository } from './auth.js';
import { checkResultsRepository } from './check-results.js';
import { checkShardsRepository } from './check-shards.js';
import { commentsRepository } from './comments.js';
import { type Ctx, inTransaction } from './context.js';
import { datasetsRepository } from './datasets.js';
import type { Dialect } from './dialect.js';
import { erasureRepository } from './erasure.js';
import { eventsRepository } from './events.js';
import { externalIdsWithPrefix, recordsWithPrefix } from './external-ids.js';
import { generatedRowsRepository } from './generated-rows.js';
import { goldRepository } from './gold.js';
import { type claimJob, type Job, type jobsOfRun, jobsRepository } from './jobs.js';
import { lineageReadsRepository } from './lineage-reads.js';
import { llmCacheRepository } from './llm-cache.js';
import { membersRepository } from './members.js';
import { progressReadsRepository } from './progress-reads.js';
import { qualityReadsRepository } from './quality-reads.js';
import { leaseForAnnotation, leaseForReview, leaseForSecondReview } from './queue.js';
import { recordDetails, recordDetailsOf } from './record-details.js';
import { recordLifecycleRepository } from './record-lifecycle.js';
import { searchRecords } from './record-search.js';
import {
  countRecords,
  findRecordByExternalId,
  getRecord,
  insertEncodedRecords,
  insertRecords,
  recordIdsIn,
  streamRecords,
  updateRecord,
} from './records.js';
import { releaseInputsRepository } from './release-inputs.js';
import { releasesRepository } from './releases.js';
import { type Bound, bind, type RepositoryFunctions } from './repository.js';
import { responsesRepository } from './responses.js';
import { analyzeSearch, indexAllPending, indexPending, pendingCount } from './search-index.js';
import { serverSecretsRepository } from './server-secrets.js';
import { freeSlots } from './slots.js';
import { suggestionsRepository } from './suggestions.js';
import { usersRepository } from './users.js';
import { accessRepository } from './with-membership.js';

/**
 * What stages, the server and the CLI get of the store: repositories named for what they read or
 * write, and `transaction`. Never the query builder: SQL lives in `store/` alone.
 */

const recordsRepository = {
  insert: insertRecords,
  insertEncoded: insertEncodedRecords,
  get: getRecord,
  findByExternalId: findRecordByExternalId,
  update: updateRecord,
  stream: streamRecords,
  count: countRecords,
  idsIn: recordIdsIn,
  search: searchRecords,
  /** A record with everything shown beside it (suggestions, checks, responses, comments), one statement. */
  details: recordDetails,
  detailsOf: recordDetailsOf,
  externalIdsWithPrefix,
  withPrefix: recordsWithPrefix,
};

const queueRepository = {
  leaseForAnnotation,
  leaseForReview,
  leaseForSecondReview,
  freeSlots,
  setAssignment: upsertAssignment,
  clearAssignment,
  clearReviewLeases,
  setExpiry,
};

/** The search index's background work (migration 008). */
const searchIndexRepository = { indexPending, indexAllPending, pendingCount, analyze: analyzeSearch };

const repositories = {
  datasets: datasetsRepository,
  records: recordsRepository,
  lifecycle: recordLifecycleRepository,
  answers: answerStateRepository,
  responses: responsesRepository,
  suggestions: suggestionsRepository,
  checkResults: checkResultsRepository,
  comments: commentsRepository,
  users: usersRepository,
  auth: authRepository,
  members: membersRepository,
  access: accessRepository,
  queue: queueRepository,
  gold: goldRepository,
  quality: qualityReadsRepository,
  progress: progressReadsRepository,
  events: eventsRepository,
  erasure: erasureRepository,
  lineage: lineageReadsRepository,
  llmCache: llmCacheRepository,
  jobs: jobsRepository,
  generatedRows: generatedRowsRepository,
  searchIndex: searchIndexRepository,
  checkShards: checkShardsRepository,
  serverSecrets: serverSecretsRepository,
  audits: auditsRepository,
  auditReads: { stream: streamAuditRows, rowsOf: auditRowsOf, releaseRecordIds: auditRecordIdsOfRelease },
  releases: releasesRepository,
  releaseInputs: releaseInputsRepository,
} satisfies Record<string, RepositoryFunctions>;

type Repositories = typeof repositories;

/** Jobs with their payload type, which binding would lose (a bound function keeps no type parameters). */
interface JobsRepository extends Omit<Bound<typeof jobsRepository>, 'claim' | 'ofRun'> {
  claim<P = unknown>(...args: WithoutCtx<typeof claimJob>): Promise<Job<P> | undefined>;
  ofRun<P = unknown>(...args: WithoutCtx<typeof jobsOfRun>): Promise<Job<P>[]>;
}
type WithoutCtx<F> = F extends (ctx: Ctx, ...args: infer A) => unknown ? A : never;

export type Store = { readonly [K in Exclude<keyof Repositories, 'jobs'>]: Bound<Repositories[K]> } & {
  readonly jobs: JobsRepository;
  readonly dialect: Dialect;
  /**
   * Runs `fn` in one transaction: everything its repositories write commits together or not at
   * all. Inside a transaction, a nested call joins it.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
};

/** An opened store: the repositories, where it lives, and how to close it. */
export type OpenStore = Store & {
  /** Where the store lives, with any password removed: safe to print. */
  readonly location: string;
  /** PostgreSQL schema the store lives in. */
  readonly schema?: string;
  close(): Promise<void>;
};

class BoundStore {
  readonly #ctx: Ctx;
  readonly #bound = new Map<string, unknown>();

  constructor(ctx: Ctx) {
    this.#ctx = ctx;
  }

  get dialect(): Dialect {
    return this.#ctx.dialect;
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return inTransaction(this.#ctx, (tx) => fn(storeOver(tx)));
  }

  /** Binds a repository to this connection the first time it is used. */
  repository(name: keyof Repositories): unknown {
    let r = this.#bound.get(name);
    if (!r) {
      r = bind(this.#ctx, repositories[name]);
      this.#bound.set(name, r);
    }
    return r;
  }

  static contextOf(store: BoundStore): Ctx {
    return store.#ctx;
  }
}

for (const name of Object.keys(repositories) as (keyof Repositories)[])
  Object.defineProperty(BoundStore.prototype, name, {
    get(this: BoundStore) {
      return this.repository(name);
    },
  });

/** The store over a connection or an open transaction. */
export function storeOver(ctx: Ctx): Store {
  return new BoundStore(ctx) as unknown as Store;
}

/**
 * The connection under a store, for the store's own modules and its tests (bulk paths, the
 * migrator, server settings). Not for stages.
 */
export function contextOf(store: Store): Ctx {
  if (!(store instanceof BoundStore)) throw new Error('not a store made by storeOver');
  return BoundStore.contextOf(store);
}
