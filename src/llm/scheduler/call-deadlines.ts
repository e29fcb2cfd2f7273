/**
 * The per-attempt timeout, and the signal a provider gets, shared by the calls that time out
 * together. An AbortSignal per call is the dearest thing in a scheduled call (measured on Node 20:
 * ~14 µs of CPU and garbage each, more than the rest of the scheduler together), and a run makes
 * thousands of calls a second. So calls are grouped by deadline: every call of one caller whose
 * deadline falls in the same slot of `slotMs` shares one controller, one timer at the slot's end
 * and one wait on the caller's signal. When the slot's time is up, the calls of it still running
 * all time out: the controller aborts (providers stop their requests) and each call is stopped,
 * whether its provider listens to the signal or not. A call's timeout is therefore between
 * `timeoutMs` and `timeoutMs + slotMs` (a hundredth of it). When the caller aborts, its calls stop
 * at once. A slot whose calls have all ended goes away (its timer cancelled, its wait left), so
 * nothing stays registered on the caller's signal and no timer outlives the calls.
 */

import { setMaxListeners } from 'node:events';
import { onAbort } from './abort-hub.js';
import type { Clock } from './rate-limiter.js';

/** Why a call was stopped before its provider answered. */
export type Stop = { kind: 'timeout'; reason: Error } | { kind: 'aborted'; reason: unknown };

/** A call in its slot: the signal to give the provider, and `leave` for when the call is over. */
export interface DeadlineCall {
  readonly signal: AbortSignal;
  leave(): void;
}

interface Slot {
  readonly key: number;
  readonly controller: AbortController;
  /** The stop callback of each call still running. */
  readonly calls: Set<(stop: Stop) => void>;
  cancelTimer: () => void;
  leaveCaller: () => void;
}

export class CallDeadlines {
  /** Slots by caller, then by slot number (the slot ends at number × slotMs). */
  private readonly slots = new WeakMap<AbortSignal, Map<number, Slot>>();
  readonly slotMs: number;

  constructor(
    private readonly clock: Clock,
    readonly timeoutMs: number,
  ) {
    this.slotMs = Math.max(1, Math.floor(timeoutMs / 100));
  }

  /**
   * A call starting now for `caller` (not aborted). `stop` runs once if the call's slot times out
   * or the caller aborts before `leave` is called.
   */
  join(caller: AbortSignal, stop: (stop: Stop) => void): DeadlineCall {
    const now = this.clock.now();
    const key = Math.ceil((now + this.timeoutMs) / this.slotMs);
    let byKey = this.slots.get(caller);
    if (byKey === undefined) {
      byKey = new Map();
      this.slots.set(caller, byKey);
    }
    const slot = byKey.get(key) ?? this.open(caller, byKey, key, key * this.slotMs - now);
    // A callback of its own per call: the same `stop` may be passed twice.
    const entry = (s: Stop) => stop(s);
    slot.calls.add(entry);
    return {
      signal: slot.controller.signal,
      leave: () => {
        if (slot.calls.delete(entry) && slot.calls.size === 0) this.close(slot, byKey);
      },
    };
  }

  private open(caller: AbortSignal, byKey: Map<number, Slot>, key: number, inMs: number): Slot {
    const slot: Slot = {
      key,
      controller: new AbortController(),
      calls: new Set(),
      cancelTimer: () => {},
      leaveCaller: () => {},
    };
    // Every provider request of the slot listens on its signal, by design: not a leak to warn about.
    setMaxListeners(0, slot.controller.signal);
    slot.cancelTimer = this.clock.after(inMs, () => {
      this.close(slot, byKey);
      this.stopAll(slot, { kind: 'timeout', reason: new Error(`timed out after ${this.timeoutMs} ms`) });
    });
    slot.leaveCaller = onAbort(caller, () => {
      this.close(slot, byKey);
      this.stopAll(slot, { kind: 'aborted', reason: caller.reason });
    });
    byKey.set(key, slot);
    return slot;
  }

  /** Takes the slot out of service: no new calls join it, its timer and its wait are gone. */
  private close(slot: Slot, byKey: Map<number, Slot>): void {
    if (byKey.get(slot.key) === slot) byKey.delete(slot.key);
    slot.cancelTimer();
    slot.leaveCaller();
  }

  /** Aborts the slot's signal, then stops each call still in it (in the order they joined). */
  private stopAll(slot: Slot, stop: Stop): void {
    slot.controller.abort(stop.reason);
    const calls = [...slot.calls];
    slot.calls.clear();
    for (const c of calls) c(stop);
  }
}
