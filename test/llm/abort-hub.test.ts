import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onAbort } from '../../src/llm/scheduler/abort-hub.js';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('onAbort', () => {
  it('calls the waits still there, in the order they joined, when the signal aborts', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    onAbort(controller.signal, () => calls.push('a'));
    const leaveB = onAbort(controller.signal, () => calls.push('b'));
    onAbort(controller.signal, () => calls.push('c'));
    leaveB();
    controller.abort();
    expect(calls).toEqual(['a', 'c']);
    controller.abort();
    expect(calls).toEqual(['a', 'c']);
  });

  it('keeps one listener on the signal while anyone waits, and none once all have left', () => {
    const controller = new AbortController();
    const leaves = Array.from({ length: 1000 }, () => onAbort(controller.signal, () => {}));
    expect(listeners(controller.signal)).toBe(1);
    for (const leave of leaves) leave();
    expect(listeners(controller.signal)).toBe(0);
    const again = onAbort(controller.signal, () => {});
    expect(listeners(controller.signal)).toBe(1);
    again();
    again(); // leaving twice is harmless
    expect(listeners(controller.signal)).toBe(0);
  });

  it('lets the same function wait twice and leave once', () => {
    const controller = new AbortController();
    let n = 0;
    const count = () => n++;
    const first = onAbort(controller.signal, count);
    onAbort(controller.signal, count);
    first();
    controller.abort();
    expect(n).toBe(1);
  });

  it('skips a wait that an earlier callback made leave during the abort', () => {
    const controller = new AbortController();
    const calls: string[] = [];
    let leaveB = () => {};
    onAbort(controller.signal, () => {
      calls.push('a');
      leaveB();
    });
    leaveB = onAbort(controller.signal, () => calls.push('b'));
    controller.abort();
    expect(calls).toEqual(['a']);
    expect(listeners(controller.signal)).toBe(0);
  });

  it('keeps signals apart', () => {
    const one = new AbortController();
    const two = new AbortController();
    const calls: number[] = [];
    onAbort(one.signal, () => calls.push(1));
    onAbort(two.signal, () => calls.push(2));
    two.abort();
    expect(calls).toEqual([2]);
    expect(listeners(one.signal)).toBe(1);
  });
});
