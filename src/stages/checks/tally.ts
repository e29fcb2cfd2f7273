import type { CheckOutcome } from './record-checks.js';

/** Per check: records checked, failures, and failures by reason. Mergeable, so shards can add up. */
export type Tallies = Record<string, { records: number; failed: number; reasons: Record<string, number> }>;

export interface CheckSummaryRow {
  check: string;
  records: number;
  failed: number;
  /** The most common reasons among failures, with counts. */
  reasons: { reason: string; count: number }[];
}

export function emptyTallies(checks: Iterable<string>): Tallies {
  const t: Tallies = {};
  for (const c of checks) t[c] = { records: 0, failed: 0, reasons: {} };
  return t;
}

function rowOf(t: Tallies, check: string) {
  let row = t[check];
  if (!row) {
    row = { records: 0, failed: 0, reasons: {} };
    t[check] = row;
  }
  return row;
}

export function tally(t: Tallies, o: CheckOutcome): void {
  const row = rowOf(t, o.check);
  row.records++;
  if (o.passed) return;
  row.failed++;
  const reason = reasonOf(o);
  row.reasons[reason] = (row.reasons[reason] ?? 0) + 1;
}

export function mergeTallies(into: Tallies, from: Tallies): Tallies {
  for (const [check, r] of Object.entries(from)) {
    const row = rowOf(into, check);
    row.records += r.records;
    row.failed += r.failed;
    for (const [reason, n] of Object.entries(r.reasons)) row.reasons[reason] = (row.reasons[reason] ?? 0) + n;
  }
  return into;
}

/** Summary rows in the order the checks ran, with the three most common reasons. */
export function summaryRows(t: Tallies, order: Iterable<string>): CheckSummaryRow[] {
  return [...order]
    .filter((c) => t[c])
    .map((check) => ({
      check,
      records: t[check]!.records,
      failed: t[check]!.failed,
      reasons: Object.entries(t[check]!.reasons)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 3)
        .map(([reason, count]) => ({ reason, count })),
    }));
}

/** One line per failure kind, for the summary: the rule, entity type or near-duplicate. */
export function reasonOf(o: CheckOutcome): string {
  const d = o.details as Record<string, unknown>;
  switch (o.check) {
    case 'pii':
      return `contains ${(d.types as string[]).join(', ')}`;
    case 'language':
      return `in ${String((d.problems as { detected: string }[])[0]?.detected)} (expected ${(d.expected as string[]).join('/') || 'the conversation’s language'})`;
    case 'quality':
      return String((d.failures as { rule: string }[])[0]?.rule ?? 'quality');
    case 'offensive':
      return `offensive term '${String((d.matches as { term: string }[])[0]?.term)}'`;
    case 'decontaminate':
      return `overlaps evaluation item ${String((d.items as { evalId: string }[])[0]?.evalId)}`;
    case 'dedup':
      return 'near-duplicate of a kept record';
    case 'semantic_dedup':
      return 'says the same as a kept record';
    default:
      return o.check;
  }
}
