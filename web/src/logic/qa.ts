/** How the quality report's figures read: alpha and rates with their 95% intervals. No React here. */
import type { Interval, QuestionQa } from '../api/types.js';

function fixed(x: number): string {
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** "62%", one decimal under 10% so a small error rate is not rounded away ("3.4%"). */
export function formatShare(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const pct = x * 100;
  if (pct > 0 && pct < 10) return `${(Math.round(pct * 10) / 10).toLocaleString('en-US')}%`;
  return `${Math.round(pct)}%`;
}

/** "[0.48, 0.74]" for alpha; "[85%, 96%]" for rates. */
export function formatInterval(interval: Interval | null | undefined, as: 'number' | 'share'): string {
  if (!interval) return '';
  const f = as === 'share' ? formatShare : fixed;
  return `[${f(interval[0])}, ${f(interval[1])}]`;
}

const records = (n: number) => `${n.toLocaleString('en-US')} record${n === 1 ? '' : 's'}`;

/** "α 0.62 [0.48, 0.74] over 120 records", or why there is no figure. */
export function agreementText(q: QuestionQa): string {
  if (!q.agreement) return q.note ?? 'no agreement figure yet';
  const interval = formatInterval(q.agreement.interval, 'number');
  return `α ${fixed(q.agreement.alpha)}${interval ? ` ${interval}` : ''} over ${records(q.items)}`;
}

/** "92% [85%, 96%] of 40", or "—" before there is anything to count. */
export function rateText(rate: number | null, interval: Interval | null, of: number): string {
  if (rate === null || !of) return '—';
  const i = formatInterval(interval, 'share');
  return `${formatShare(rate)}${i ? ` ${i}` : ''} of ${of.toLocaleString('en-US')}`;
}
