import type { PreviewResult } from '../../stages/generate/run/preview.js';
import { money } from './money.js';

const fmt = (n: number) => n.toLocaleString('en-US');

/** A field as a reader wants it: text as text (indented), anything else as JSON. */
function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (text ?? 'null').replace(/\n/g, '\n      ');
}

/** `tandem generate --preview N`: each row's fields, then what the preview cost. */
export function describePreview(p: PreviewResult): string {
  const lines = [
    `Preview of ${fmt(p.rows.length)} of ${fmt(p.count)} rows of recipe ${p.recipe} with ${p.provider} (seed ${p.seed}) — no records stored.`,
    '',
  ];
  for (const r of p.rows) {
    lines.push(`── row ${r.row} · ${r.status} ── ${JSON.stringify(r.samplerValues)}`);
    for (const n of r.notes) lines.push(`  ! ${n}`);
    if (r.status !== 'failed')
      for (const [k, v] of Object.entries(r.fields)) lines.push(`  ${k}: ${show(v)}`);
    lines.push('');
  }
  lines.push(
    `calls: ${fmt(p.calls.sent)} sent, ${fmt(p.calls.cacheHits)} from the cache · tokens: ${fmt(p.tokens.input)} in, ${fmt(p.tokens.output)} out · cost: ${money(p.costUsd)}`,
    'The answers are cached: running the same command without --preview does not pay for these rows again.',
  );
  return lines.join('\n');
}
