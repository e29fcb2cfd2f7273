import type { ReleaseDiff } from '../../stages/release/index.js';

const fmt = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A release diff for people: counts, then one line per listed record. */
export function describeDiff(d: ReleaseDiff): string {
  const k = d.counts;
  const lines = [
    `${d.from.dataset}@${d.from.version} (${d.from.records}) → ${d.to.dataset}@${d.to.version} (${d.to.records})`,
    `  added ${k.added}, removed ${k.removed}, modified ${k.modified}, relabelled ${k.relabelled}, moved ${k.splitChanged}, unchanged ${k.unchanged}`,
  ];
  const moves = Object.entries(d.splitMoves);
  if (moves.length) lines.push(`  moves: ${moves.map(([m, n]) => `${m} ${n}`).join(', ')}`);
  for (const c of d.changes) {
    if (c.kind !== 'changed') {
      lines.push(`${c.kind === 'added' ? '+' : '-'} ${c.externalId} (${c.split})`);
      continue;
    }
    const parts = [
      ...(c.fields.length ? [`fields ${c.fields.join(', ')}`] : []),
      ...c.relabelled.map((r) => `${r.question}: ${fmt(r.from)} → ${fmt(r.to)}`),
      ...(c.split ? [`split ${c.split.from} → ${c.split.to}`] : []),
      ...(c.other.length ? [`also ${c.other.join(', ')}`] : []),
    ];
    lines.push(`~ ${c.externalId}: ${parts.join('; ')}`);
  }
  if (d.truncated) lines.push(`… more changes not listed (use --limit 0 for all)`);
  return lines.join('\n');
}
