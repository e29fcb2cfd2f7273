/**
 * Waiting on a run's one long-lived signal, thousands of times a second. Node's EventTarget is the
 * wrong tool for that: `addEventListener` walks every listener already there (to skip duplicates)
 * and `removeEventListener` walks to the one it removes, so with a hundred requests waiting on a
 * run's signal each wait costs two walks of a hundred. Here a signal gets one listener of ours,
 * registered while anyone waits on it, and the waits sit in a Set: joining and leaving are O(1).
 *
 * Callbacks run in the order they joined, when the signal aborts; one that leaves before then
 * never runs. Nothing stays registered on the signal once every wait has left.
 */

interface Hub {
  readonly callbacks: Set<() => void>;
  readonly listener: () => void;
}

const hubs = new WeakMap<AbortSignal, Hub>();

/**
 * Runs `callback` once if `signal` aborts while the returned `leave` has not been called. A signal
 * already aborted never calls it: check `signal.aborted` first, as with addEventListener.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let hub = hubs.get(signal);
  if (hub === undefined) {
    const callbacks = new Set<() => void>();
    hub = {
      callbacks,
      listener: () => {
        hubs.delete(signal);
        for (const c of callbacks) c();
        callbacks.clear();
      },
    };
    hubs.set(signal, hub);
  }
  const { callbacks, listener } = hub;
  if (callbacks.size === 0) signal.addEventListener('abort', listener, { once: true });
  // A callback of its own per wait, so the same function may wait twice and leave once.
  const entry = () => callback();
  callbacks.add(entry);
  return () => {
    if (callbacks.delete(entry) && callbacks.size === 0) signal.removeEventListener('abort', listener);
  };
}
