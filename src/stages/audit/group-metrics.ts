import { wilsonInterval } from '../../stats/intervals.js';
import type { AuditRow } from '../../store/audit-reads.js';

/**
 * What a group of records (one value of a dimension, or the whole dataset) looks like after checks
 * and review: how often each check flagged it, its mean judge score, how often reviewers rejected
 * it, how much annotators agreed on it, and how long it is.
 */

export interface Rate {
  /** Records counted (those the check ran on; those a reviewer decided). */
  n: number;
  hits: number;
  rate: number | null;
  /** Wilson 95% interval of the rate. */
  ci: [number, number] | null;
}

export interface GroupMetrics {
  records: number;
  flags: Record<string, Rate>;
  judge: { n: number; mean: number | null };
  /** Rejected among records accepted or rejected by a reviewer. */
  rejection: Rate;
  /** 1 − mean disagreement over records whose answers are all in. */
  agreement: { n: number; mean: number | null };
  /** Characters of text per record. */
  meanLength: number | null;
}

export class GroupTally {
  records = 0;
  readonly flags = new Map<string, { n: number; hits: number }>();
  judgeN = 0;
  judgeSum = 0;
  decided = 0;
  rejected = 0;
  agreementN = 0;
  disagreementSum = 0;
  lengthSum = 0;

  add(row: AuditRow, length: number): void {
    this.records++;
    this.lengthSum += length;
    for (const c of row.checks) {
      let f = this.flags.get(c.check);
      if (!f) {
        f = { n: 0, hits: 0 };
        this.flags.set(c.check, f);
      }
      f.n++;
      if (!c.passed) f.hits++;
      if (c.check === 'judge' && c.score !== null) {
        this.judgeN++;
        this.judgeSum += c.score;
      }
    }
    if (row.status === 'accepted' || row.status === 'rejected') {
      this.decided++;
      if (row.status === 'rejected') this.rejected++;
    }
    if (row.disagreement !== null) {
      this.agreementN++;
      this.disagreementSum += row.disagreement;
    }
  }

  metrics(): GroupMetrics {
    const flags: Record<string, Rate> = {};
    for (const [check, f] of [...this.flags].sort(([a], [b]) => a.localeCompare(b)))
      flags[check] = rate(f.hits, f.n);
    return {
      records: this.records,
      flags,
      judge: { n: this.judgeN, mean: this.judgeN ? this.judgeSum / this.judgeN : null },
      rejection: rate(this.rejected, this.decided),
      agreement: {
        n: this.agreementN,
        mean: this.agreementN ? 1 - this.disagreementSum / this.agreementN : null,
      },
      meanLength: this.records ? this.lengthSum / this.records : null,
    };
  }
}

export function rate(hits: number, n: number): Rate {
  return { n, hits, rate: n ? hits / n : null, ci: n ? wilsonInterval(hits, n) : null };
}

/** One metric compared between the groups of a dimension: the highest rate against the lowest. */
export interface Disparity {
  dimension: string;
  /** `flag:pii`, `rejection` … */
  metric: string;
  highest: { value: string; rate: number; n: number; ci: [number, number] | null };
  lowest: { value: string; rate: number; n: number; ci: [number, number] | null };
  /** highest / lowest (null when the lowest is 0). */
  ratio: number | null;
  /** The two groups' intervals do not overlap: the difference is more than noise. */
  separated: boolean;
}

/**
 * For each dimension and rate (each check's flags, rejection), the groups with the highest and
 * lowest rate among groups of at least `minRecords` counted records, sorted by how far apart they are.
 */
export function disparities(
  dimension: string,
  groups: { value: string; metrics: GroupMetrics }[],
  minRecords: number,
): Disparity[] {
  const metrics = new Set<string>(['rejection']);
  for (const g of groups) for (const k of Object.keys(g.metrics.flags)) metrics.add(`flag:${k}`);
  const out: Disparity[] = [];
  for (const metric of metrics) {
    const rated = groups.flatMap((g) => {
      const r = metric === 'rejection' ? g.metrics.rejection : g.metrics.flags[metric.slice(5)];
      return r && r.rate !== null && r.n >= minRecords ? [{ value: g.value, r }] : [];
    });
    if (rated.length < 2) continue;
    rated.sort((a, b) => b.r.rate! - a.r.rate! || a.value.localeCompare(b.value));
    const hi = rated[0]!;
    const lo = rated[rated.length - 1]!;
    if (hi.r.rate === lo.r.rate) continue;
    out.push({
      dimension,
      metric,
      highest: { value: hi.value, rate: hi.r.rate!, n: hi.r.n, ci: hi.r.ci },
      lowest: { value: lo.value, rate: lo.r.rate!, n: lo.r.n, ci: lo.r.ci },
      ratio: lo.r.rate! > 0 ? hi.r.rate! / lo.r.rate! : null,
      separated: !!hi.r.ci && !!lo.r.ci && hi.r.ci[0] > lo.r.ci[1],
    });
  }
  return out;
}
