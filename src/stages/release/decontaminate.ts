import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usage } from '../../core/errors.js';
import type { RecordStatus } from '../../core/record.js';
import type { DatasetSettings } from '../../core/settings.js';
import type { Store } from '../../store/store.js';
import { buildContaminationIndex, type ContaminationIndex } from '../../text/decontaminate.js';
import { readEvalFile, recordTexts } from '../checks/index.js';
import { applyCorrections } from './export/formats/corrections.js';

/**
 * `release create --decontaminate EVAL.jsonl…`: the records a release would hold that share an
 * n-gram (13 words by default, or the dataset's `checks.decontaminate.n`) with an item of the given
 * evaluation sets, found in the text trainers get (corrections applied, as the snapshot holds it,
 * system turns left out as the decontamination check does). With `--exclude-contaminated` they are
 * left out before the mix and the splits; otherwise they are counted per split. Either way the
 * manifest and the card say what was scanned and found.
 */

export interface DecontaminationReport {
  /** The evaluation sets as they were read: path, items, items too short to index, SHA-256 of the file. */
  files: { path: string; items: number; skipped: number; sha256: string }[];
  n: number;
  /** Records of the candidates found in an evaluation set. */
  found: number;
  excluded: boolean;
  /** Found records per split they are in (empty when excluded). */
  bySplit: Record<string, number>;
  /** The first found records (in record id order) and the evaluation items they overlap. */
  examples: { externalId: string; evalIds: string[] }[];
}

const MAX_EXAMPLES = 50;

export interface EvalSets {
  index: ContaminationIndex;
  files: DecontaminationReport['files'];
}

/** Reads and indexes the evaluation sets; a missing or malformed file is exit 2 naming file and line. */
export function loadEvalSets(files: string[], settings: DatasetSettings): EvalSets {
  const n = (settings as { checks?: { decontaminate?: { n?: number } } }).checks?.decontaminate?.n ?? 13;
  const items = [];
  const described: DecontaminationReport['files'] = [];
  for (const path of files) {
    const fileItems = readEvalFile(path);
    if (fileItems.length === 0) throw usage(`--decontaminate: '${path}' holds no evaluation items`);
    items.push(...fileItems);
    described.push({
      path,
      items: fileItems.length,
      skipped: 0,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    });
  }
  const index = buildContaminationIndex(items, { n });
  const skipped = new Set(index.skipped);
  let at = 0;
  for (const f of described) {
    for (let k = 0; k < f.items; k++) if (skipped.has(items[at + k]!.id)) f.skipped++;
    at += f.items;
  }
  return { index, files: described };
}

export interface ContaminationScan {
  ids: Set<number>;
  examples: DecontaminationReport['examples'];
}

/** One pass over the candidate records in id order (inside the release's transaction). */
export async function scanCandidates(
  tx: Store,
  datasetId: number,
  statuses: RecordStatus[],
  settings: DatasetSettings,
  sets: EvalSets,
  onProgress?: (done: number) => void,
): Promise<ContaminationScan> {
  const ids = new Set<number>();
  const examples: DecontaminationReport['examples'] = [];
  let done = 0;
  for await (const page of tx.records.stream(datasetId, { status: statuses, batchSize: 5000 })) {
    for (const r of page) {
      const text = recordTexts({ ...r, fields: applyCorrections(settings, r) }, settings).joined;
      const hits = sets.index.findContamination(text);
      if (hits.length === 0) continue;
      ids.add(r.id);
      if (examples.length < MAX_EXAMPLES)
        examples.push({ externalId: r.externalId, evalIds: hits.map((h) => h.evalId) });
    }
    done += page.length;
    onProgress?.(done);
  }
  return { ids, examples };
}
