import type { GoldAccuracy } from '../../stats/gold-accuracy.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Why an annotator is paused, in words an admin can act on. */
export function pauseReason(a: GoldAccuracy, minAccuracy: number): string {
  return `accuracy on gold records ${pct(a.accuracy ?? 0)} (95% interval ${pct(a.interval![0])}–${pct(a.interval![1])}) over ${a.records} records, below ${pct(minAccuracy)}`;
}
