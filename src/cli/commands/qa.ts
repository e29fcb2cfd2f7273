import type { Command } from 'commander';
import type { QaReport } from '../../stages/quality/qa.js';
import { withStore } from '../context.js';
import { emit } from '../output.js';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const range = (i: [number, number] | null, f: (x: number) => string) => (i ? `[${f(i[0])}, ${f(i[1])}]` : '');
const num = (x: number) => x.toFixed(3);
const secs = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

export function registerQa(program: Command): void {
  program
    .command('qa')
    .description(
      'how right a dataset is: agreement, gold accuracy, consensus, disputed records, second review',
    )
    .requiredOption('--dataset <name>', 'dataset')
    .option(
      '--disputed <n>',
      'how many of the most disputed records to list',
      (v) => Number.parseInt(v, 10),
      10,
    )
    .action(async (o: { dataset: string; disputed: number }, cmd: Command) => {
      const { datasetQa } = await import('../../stages/quality/qa.js');
      await withStore(cmd, async (store, g) => {
        const r = await datasetQa(store, await store.datasets.get(o.dataset), { disputed: o.disputed });
        emit(g, r, () => describe(r));
      });
    });
}

function describe(r: QaReport): string {
  const lines = [
    `Dataset '${r.dataset}': ${r.answered} of ${r.records} records answered (gold records aside).`,
    '',
    'Questions',
  ];
  for (const q of r.questions) {
    const a = q.agreement
      ? `alpha (${q.agreement.level}) ${num(q.agreement.alpha)} ${range(q.agreement.interval, num)} over ${q.items} records`
      : `(${q.note})`;
    lines.push(`  ${q.question.padEnd(16)} ${q.type.padEnd(12)} ${a}`);
    if (q.distribution.length)
      lines.push(
        `    ${q.distribution
          .slice(0, 8)
          .map((d) => `${d.value} ${pct(d.share)}`)
          .join(' · ')}`,
      );
  }
  lines.push('', 'Annotators');
  lines.push(
    `  ${'name'.padEnd(16)} ${'records'.padStart(7)} ${'median'.padStart(8)}  ${'gold accuracy'.padEnd(28)} consensus`,
  );
  for (const a of r.annotators) {
    const gold = a.gold
      ? `${pct(a.gold.accuracy)} ${range(a.gold.interval, pct)}${a.gold.flagged ? ' FLAGGED' : ''}`
      : '–';
    lines.push(
      `  ${a.username.padEnd(16)} ${String(a.records).padStart(7)} ${secs(a.medianTimeMs).padStart(8)}  ${gold.padEnd(28)} ${pct(a.consensus.rate)} ${range(a.consensus.interval, pct)}${a.paused ? '  (paused)' : ''}`,
    );
  }
  if (r.disputed.length) {
    lines.push('', 'Most disputed (first in the review queue)');
    for (const d of r.disputed)
      lines.push(`  ${d.externalId.padEnd(24)} ${num(d.disagreement)}  ${d.status}`);
  }
  const s = r.secondReview;
  lines.push(
    '',
    s.reviewed
      ? `Second review: ${s.disagreed} of ${s.reviewed} accepted records disputed: error rate ${pct(s.errorRate)} ${range(s.interval, pct)}`
      : 'Second review: none yet (quality.secondReview.rate in the settings samples accepted records).',
  );
  return lines.join('\n');
}
