import type { Store } from '../../store/store.js';
import { diffResolved, type ReleaseDiff } from './diff.js';
import type { ReleaseManifest } from './manifest.js';
import { releaseByVersion } from './read-release.js';

/**
 * A release's changelog: its diff against the release it was cut from, with the reasons people
 * recorded on the changed records between the two (reviewers' comments, response reasons, reasons
 * on record events such as retirement or erasure). Only what was recorded before the release was
 * made counts, so the changelog — and the card that shows it — never changes afterwards.
 */

export interface ChangeSummary {
  base: string;
  counts: ReleaseDiff['counts'];
  splitMoves: Record<string, number>;
  reasons: { externalId: string; change: string; by: string; text: string }[];
}

const MAX_REASONS = 50;

export async function changelogOf(
  store: Store,
  manifest: ReleaseManifest,
  datasetId: number,
): Promise<ChangeSummary | null> {
  if (!manifest.base) return null;
  const base = await releaseByVersion(store, datasetId, manifest.base);
  const release = await releaseByVersion(store, datasetId, manifest.version);
  const diff = await diffResolved(
    store,
    { release: base, manifest: base.manifest as ReleaseManifest },
    { release, manifest },
    { limit: 5000 },
  );
  const changed = new Map<number, { externalId: string; change: string }>();
  for (const c of diff.changes) {
    if (c.kind === 'added') continue;
    const change =
      c.kind === 'removed'
        ? 'removed'
        : [c.fields.length ? 'modified' : '', c.relabelled.length ? 'relabelled' : '', c.split ? 'moved' : '']
            .filter(Boolean)
            .join(', ') || 'changed';
    changed.set(c.recordId, { externalId: c.externalId, change });
  }
  const ids = [...changed.keys()];
  const window = { after: base.createdAt, until: release.createdAt };
  const said = [
    ...(await store.releaseInputs.reasons(ids)).filter((r) => r.at > window.after && r.at <= window.until),
    ...(await store.releaseInputs.eventReasons(ids, window)),
  ].sort(
    (x, y) => x.at - y.at || x.recordId - y.recordId || (x.text < y.text ? -1 : x.text > y.text ? 1 : 0),
  );
  return {
    base: base.version,
    counts: diff.counts,
    splitMoves: diff.splitMoves,
    reasons: said.slice(0, MAX_REASONS).map((r) => ({ ...changed.get(r.recordId)!, by: r.by, text: r.text })),
  };
}
