/** The result every quality filter returns. */

/** What the filters need to know about a text besides its characters. */
export interface QualityOptions {
  /**
   * The text's language (BCP 47): the locale for word and sentence segmentation; only English
   * (or unknown) texts get Gopher's stop-word rule.
   */
  language?: string;
}

/** One rule a text failed: the measured value and the threshold it crossed. */
export interface QualityFailure {
  rule: string;
  value: number;
  threshold: number;
}

export interface QualityResult<Stats> {
  /** No rule failed. */
  passed: boolean;
  /** Every failed rule, not only the first (the published filters stop at the first). */
  failures: QualityFailure[];
  /** The measurements the rules were decided on. */
  stats: Stats;
}

/**
 * Collects failures. `min` fails when value < threshold, `max` when value > threshold,
 * `maxExclusive` when value ≥ threshold (FineWeb's comparisons). A null threshold disables the rule.
 */
export class Failures {
  readonly list: QualityFailure[] = [];

  min(rule: string, value: number, threshold: number | null): void {
    if (threshold !== null && value < threshold) this.list.push({ rule, value, threshold });
  }

  max(rule: string, value: number, threshold: number | null): void {
    if (threshold !== null && value > threshold) this.list.push({ rule, value, threshold });
  }

  maxExclusive(rule: string, value: number, threshold: number | null): void {
    if (threshold !== null && value >= threshold) this.list.push({ rule, value, threshold });
  }

  result<Stats>(stats: Stats): QualityResult<Stats> {
    return { passed: this.list.length === 0, failures: this.list, stats };
  }
}

/** value / total, or 0 when there is nothing to divide by. */
export function ratio(value: number, total: number): number {
  return total === 0 ? 0 : value / total;
}
