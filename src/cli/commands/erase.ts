import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { ErasurePlan } from '../../core/erasure.js';
import { usage } from '../../core/errors.js';
import { type EraseRequest, eraseRecords, previewErasure } from '../../stages/release/erase.js';
import { cliActor, withStore } from '../context.js';
import { emit, note } from '../output.js';

interface EraseOptions {
  dataset?: string;
  record?: string[];
  where?: string;
  match?: string;
  reason?: string;
  yes?: boolean;
  purge?: boolean;
  vacuum: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',')];

function describePlan(p: ErasurePlan): string {
  const c = p.counts;
  const ids =
    p.recordIds.slice(0, 20).join(', ') +
    (p.recordIds.length > 20 ? ` … (${p.recordIds.length - 20} more)` : '');
  return [
    `Erasure in dataset '${p.dataset}' will remove the content of ${c.records} record${c.records === 1 ? '' : 's'}: ${ids}`,
    `  responses ${c.responses}, suggestions ${c.suggestions}, check results ${c.checkResults}, comments ${c.comments}, leases ${c.assignments}`,
    `  event payloads ${c.events}, model response cache entries ${c.llmCache}, jobs ${c.jobs}, release snapshots ${c.releaseRecords}`,
    p.releases.length
      ? `  releases marked superseded: ${p.releases.map((r) => r.version).join(', ')}`
      : '  no release contains them',
    '  A tombstone (who, when, reason, record ids; no content) is kept. This cannot be undone.',
  ].join('\n');
}

async function confirm(plan: ErasurePlan): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(
      `Erase ${plan.recordIds.length} record(s) of '${plan.dataset}'? Type 'erase' to confirm: `,
    );
    return answer.trim() === 'erase';
  } finally {
    rl.close();
  }
}

export function registerErase(program: Command): void {
  program
    .command('erase')
    .description('erase records everywhere Tandem keeps them (GDPR Art. 17), keeping a tombstone')
    .option('--dataset <name>', 'dataset holding the records')
    .option('--record <id>', 'a record id (repeat, or comma-separated)', collect)
    .option('--where <field=value>', 'records whose field, metadata key or external_id equals the value')
    .option('--match <text>', 'records whose content contains the text (case-insensitive)')
    .option('--reason <text>', 'why (kept in the tombstone; write no personal data here)')
    .option('--yes', 'do not ask for confirmation')
    .option('--purge', 'only finish removing already erased content from the store files')
    .option('--vacuum <mode>', 'PostgreSQL: full (rewrites the tables, locks them) or plain', 'full')
    .action(async (o: EraseOptions, cmd: Command) => {
      if (o.vacuum !== 'full' && o.vacuum !== 'plain')
        throw usage(`--vacuum '${o.vacuum}': expected full or plain`);
      const vacuum = o.vacuum;
      if (o.purge) {
        await withStore(cmd, async (store, g) => {
          const purge = await store.erasure.purge({ vacuum });
          emit(g, { purge }, () =>
            purge.done
              ? `Purged: ${purge.steps.join(', ')} (${purge.erasures} erasure(s) completed).`
              : `Purge not finished: ${purge.note}`,
          );
        });
        return;
      }
      if (!o.dataset) throw usage('--dataset: name the dataset');
      if (!o.reason?.trim()) throw usage('--reason: say why (it is kept in the tombstone)');
      const req: EraseRequest = {
        dataset: o.dataset,
        ...(o.record
          ? { records: o.record.map((s) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN)) }
          : {}),
        ...(o.where !== undefined ? { where: o.where } : {}),
        ...(o.match !== undefined ? { match: o.match } : {}),
      };
      if (req.records?.some((n) => Number.isNaN(n)))
        throw usage(`--record: '${o.record?.join(',')}' is not a list of record ids`);
      // Without a terminal nobody can answer: refuse before opening anything for writing.
      if (!o.yes && !process.stdin.isTTY)
        throw usage('erasure asks for confirmation: run it in a terminal, or pass --yes');
      await withStore(cmd, async (store, g) => {
        const plan = await previewErasure(store, req);
        if (plan.recordIds.length === 0) {
          // A rerun after a kill between commit and purge: nothing left to erase, the files to clean.
          const purge =
            (await store.erasure.pendingPurges()) > 0 ? await store.erasure.purge({ vacuum }) : null;
          emit(g, { erased: 0, plan, purge }, () =>
            [
              'No record matches; nothing was erased.',
              ...(purge
                ? [
                    `Finished an earlier erasure's purge: ${purge.done ? purge.steps.join(', ') : purge.note}.`,
                  ]
                : []),
            ].join('\n'),
          );
          return;
        }
        note(describePlan(plan));
        if (!o.yes && !(await confirm(plan))) {
          note('Not confirmed; nothing was erased.');
          process.exitCode = 1;
          return;
        }
        const r = await eraseRecords(store, { ...req, reason: o.reason ?? '', actor: cliActor(), vacuum });
        emit(g, r, () =>
          [
            `Erased ${r.erasure.counts.records} record(s) of '${r.erasure.dataset}' (erasure #${r.erasure.id}).`,
            r.erasure.releases.length
              ? `Releases marked superseded: ${r.erasure.releases.map((x) => x.version).join(', ')}.`
              : '',
            r.purge.done
              ? `Removed from the store files: ${r.purge.steps.join(', ')}.`
              : `Not yet removed from the store files: ${r.purge.note}`,
            r.purge.note && r.purge.done ? `Note: ${r.purge.note}.` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        );
      });
    });
}
