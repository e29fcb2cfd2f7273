import type { Actor } from '../../../core/actor.js';
import { truncatedReason } from '../../../llm/call/call-checked.js';
import type { GeneratedItem } from '../../../store/generated-rows.js';
import type { NewRecord } from '../../../store/records.js';
import type { Store } from '../../../store/store.js';
import type { RowResult } from '../row/compute-row.js';

const MAX_FAILURE_NOTES = 50;

/**
 * Stores finished rows as they come. Rows arriving within a few milliseconds of each other share
 * one transaction (a commit per row would cap a fast run at the disk's fsync rate); nothing waits
 * longer than `maxDelayMs`, and every model answer is already in the cache, so a crash loses no
 * paid work. Flushes run one at a time, in arrival order.
 */
export class RowWriter {
  private buffer: { record: NewRecord | null; row: RowResult }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown;
  stored = 0;
  /** Rows another process stored first (two workers raced on one row): not counted twice. */
  existing = 0;
  /** Outcomes of the rows accepted so far. */
  readonly counts = { generated: 0, flagged: 0, dropped: 0, failed: 0, truncated: 0 };
  /** The first failures, with reasons (all of them go to the event log). */
  readonly failures: { row: number; column: string; reason: string }[] = [];
  /** The first rows validators dropped (all of them go to the event log). */
  readonly dropped: { row: number; validator: string; message: string }[] = [];
  /** Per validator: rows it dropped or flagged, and its message. */
  readonly validators = new Map<string, { action: 'drop' | 'flag'; rows: number; message: string }>();

  constructor(
    private readonly store: Store,
    private readonly datasetId: number,
    private readonly actor: Actor,
    private readonly runKey: string,
    private readonly maxBatch = 128,
    private readonly maxDelayMs = 20,
  ) {}

  /** Rows finished so far, whatever their outcome. */
  get settled(): number {
    return this.counts.generated + this.counts.dropped + this.counts.failed;
  }

  /** Counts a finished row and queues what it leaves: a record, a failure, or nothing (dropped). */
  accept(row: RowResult, toRecord: (row: RowResult) => NewRecord): void {
    const o = row.outcome;
    if (row.truncated.length > 0) this.counts.truncated++;
    if (o.kind === 'dropped') {
      this.counts.dropped++;
      this.tally(o.validator, 'drop', o.message);
      const note = { row: row.index, validator: o.validator, message: o.message };
      if (this.dropped.length < MAX_FAILURE_NOTES) this.dropped.push(note);
      this.add(row, null);
      return;
    }
    if (o.kind === 'failed') {
      this.counts.failed++;
      if (this.failures.length < MAX_FAILURE_NOTES)
        this.failures.push({ row: row.index, column: o.column, reason: o.reason });
      this.add(row, null);
      return;
    }
    this.counts.generated++;
    if (o.flags.length > 0 || row.truncated.length > 0) this.counts.flagged++;
    for (const f of o.flags) this.tally(f.validator, 'flag', f.message);
    this.add(row, toRecord(row));
  }

  private tally(validator: string, action: 'drop' | 'flag', message: string): void {
    const v = this.validators.get(validator);
    if (v) v.rows++;
    else this.validators.set(validator, { action, rows: 1, message });
  }

  /** `record` null: the row failed or was dropped, and only why is recorded. */
  private add(row: RowResult, record: NewRecord | null): void {
    if (this.failure) throw this.failure;
    this.buffer.push({ record, row });
    if (this.buffer.length >= this.maxBatch) this.flushSoon(0);
    else if (!this.timer) this.flushSoon(this.maxDelayMs);
  }

  private flushSoon(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.takeBuffer(), delay);
  }

  /** Queues what is buffered for writing, after the writes already queued. */
  private takeBuffer(): void {
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.chain = this.chain
      .then(() => this.write(batch))
      .catch((e) => {
        this.failure ??= e;
      });
  }

  private async write(batch: { record: NewRecord | null; row: RowResult }[]): Promise<void> {
    if (batch.length === 0) return;
    const items: GeneratedItem[] = batch.map(({ record, row }) => {
      const o = row.outcome;
      if (o.kind === 'failed')
        return { record: null, flags: [], failure: { row: row.index, column: o.column, reason: o.reason } };
      if (o.kind === 'dropped')
        return {
          record: null,
          flags: [],
          dropped: { row: row.index, validator: o.validator, message: o.message },
        };
      const flags =
        o.kind === 'ok'
          ? o.flags.map((f) => ({ check: `validator:${f.validator}`, message: f.message }))
          : [];
      for (const t of row.truncated)
        flags.push({
          check: 'generation:truncated',
          message: `${t.column} (${t.purpose}): ${truncatedReason(t.maxTokens)}`,
        });
      return { record, flags };
    });
    const r = await this.store.generatedRows.write(this.datasetId, items, this.actor, this.runKey);
    this.stored += r.inserted;
    this.existing += r.skipped;
  }

  /** Writes whatever is buffered and waits for every write; rethrows the first write error. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.takeBuffer();
    await this.chain;
    if (this.failure) throw this.failure;
  }
}
