import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/llm/errors.js';
import { CircuitBreaker, type CircuitEvent, type Passage } from '../../src/llm/scheduler/circuit-breaker.js';
import { FakeClock, settle } from './fake-clock.js';

const refused = new ProviderError('openai:m', 'network', 'could not reach http://x: ECONNREFUSED');
const signal = new AbortController().signal;

function breaker() {
  const clock = new FakeClock();
  const events: CircuitEvent[] = [];
  const circuit = new CircuitBreaker(
    'openai:m',
    clock,
    { threshold: 3, maxWaitMs: 10_000, probeIntervalMs: 1_000 },
    (e) => events.push(e),
  );
  return { clock, events, circuit };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold, and an answer resets the count', async () => {
    const { circuit } = breaker();
    circuit.unreachable(refused, 'normal');
    circuit.unreachable(refused, 'normal');
    circuit.reached();
    circuit.unreachable(refused, 'normal');
    circuit.unreachable(refused, 'normal');
    expect(circuit.isOpen).toBe(false);
    expect(await circuit.pass(signal)).toBe('normal');
  });

  it('opens after consecutive failures, lets one probe through at a time, and closes when it is answered', async () => {
    const { circuit, clock, events } = breaker();
    for (let i = 0; i < 3; i++) circuit.unreachable(refused, 'normal');
    expect(events.map((e) => e.state)).toEqual(['open']);
    const passages: Passage[] = [];
    const waiting = [1, 2, 3].map(() => circuit.pass(signal).then((p) => passages.push(p)));
    await settle();
    expect(passages).toEqual([]); // nobody goes before the first probe time
    await clock.advance(1_000);
    expect(passages).toEqual(['probe']); // exactly one probe
    circuit.unreachable(refused, 'probe'); // the probe failed: the next waits twice as long
    await clock.advance(1_000);
    expect(passages).toEqual(['probe']);
    await clock.advance(1_000);
    expect(passages).toEqual(['probe', 'probe']);
    circuit.reached(); // the second probe got an answer
    await Promise.all(waiting);
    expect(passages).toEqual(['probe', 'probe', 'normal']);
    expect(events.map((e) => e.state)).toEqual(['open', 'closed']);
  });

  it('fails every waiting and later request once the wait is over', async () => {
    const { circuit, clock, events } = breaker();
    for (let i = 0; i < 3; i++) circuit.unreachable(refused, 'normal');
    const outcomes: string[] = [];
    const waiters = [1, 2].map(() =>
      circuit.pass(signal).then(
        (p) => {
          outcomes.push(p);
          if (p === 'probe') circuit.unreachable(refused, p);
        },
        (e: ProviderError) => outcomes.push(e.failure),
      ),
    );
    await clock.advance(10_000);
    await Promise.all(waiters);
    expect(outcomes.filter((o) => o === 'unreachable')).toHaveLength(
      2 - outcomes.filter((o) => o === 'probe').length,
    );
    await expect(circuit.pass(signal)).rejects.toMatchObject({ failure: 'unreachable', retryable: false });
    expect((await circuit.pass(signal).catch((e: Error) => e.message)) as string).toMatch(
      /could not be reached for 10 s \(\d+ connection failures in a row; last: .*ECONNREFUSED\)/,
    );
    expect(events.at(-1)!.state).toBe('broken');
  });
});
