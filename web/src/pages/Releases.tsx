import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type {
  ReleaseChange,
  ReleaseChangelog,
  ReleaseDetail,
  ReleaseDiffView,
  ReleaseList,
} from '../api/types';
import { formatTime } from '../components/Comments';
import { DatasetTitle } from '../components/DatasetTitle';
import { DataTable } from '../components/DataTable';
import { LoadStatus } from '../components/LoadStatus';
import { StatList } from '../components/StatList';
import { formatCount } from '../logic/format';
import { LineagePanel } from '../records/LineagePanel';
import { useTitle } from '../useTitle';

/**
 * A dataset's releases: the list, one release's manifest (splits, leakage, strata, sources, PII
 * waivers), and what changed between two releases, side by side. Read-only: releases are made with
 * `tandem release create`.
 */
export function ReleasesPage({ dataset }: { dataset: string }) {
  useTitle(`Releases of ${dataset}`);
  const [list, setList] = useState<ReleaseList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    api
      .releases(dataset)
      .then((l) => {
        setList(l);
        setSelected(l.releases.at(-1)?.version ?? null);
      })
      .catch((e) => setError(errorMessage(e)));
  }, [dataset]);

  return (
    <section className="releases-page">
      <DatasetTitle what="Releases of" dataset={dataset} />
      <LoadStatus error={error} loaded={!!list} />
      {list && list.releases.length === 0 && (
        <p className="muted">
          No releases yet: make one with `tandem release create --dataset {dataset} --version 1.0.0`.
        </p>
      )}
      {list && list.releases.length > 0 && (
        <>
          <DataTable
            caption="Releases, oldest first"
            testId="releases-table"
            rows={list.releases}
            rowKey={(r) => r.version}
            rowClassName={(r) => (r.version === selected ? 'selected' : undefined)}
            columns={[
              {
                header: 'Version',
                cell: (r) => (
                  <button
                    type="button"
                    className="link"
                    aria-pressed={r.version === selected}
                    onClick={() => setSelected(r.version)}
                  >
                    {r.version}
                  </button>
                ),
              },
              { header: 'Records', num: true, cell: (r) => formatCount(r.records) },
              {
                header: 'Splits',
                cell: (r) =>
                  Object.entries(r.splits)
                    .map(([s, n]) => `${s} ${formatCount(n)}`)
                    .join(', '),
              },
              { header: 'Made', cell: (r) => formatTime(r.createdAt) },
              { header: 'By', cell: (r) => r.createdBy },
              { header: 'Notes', cell: (r) => r.notes },
              {
                header: 'Status',
                testId: 'release-status',
                cell: (r) =>
                  r.superseded
                    ? `superseded${r.superseded.by ? ` by ${r.superseded.by}` : ''} (${r.superseded.reason ?? 'erasure'})`
                    : 'current',
              },
            ]}
          />
          {selected && <ReleaseView key={selected} dataset={dataset} version={selected} list={list} />}
        </>
      )}
    </section>
  );
}

function ReleaseView({ dataset, version, list }: { dataset: string; version: string; list: ReleaseList }) {
  const [detail, setDetail] = useState<ReleaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const others = list.releases.map((r) => r.version).filter((v) => v !== version);
  const [against, setAgainst] = useState<string>(
    list.releases.find((r) => r.version === version)?.base ?? others.at(-1) ?? '',
  );
  useEffect(() => {
    api
      .release(dataset, version)
      .then(setDetail)
      .catch((e) => setError(errorMessage(e)));
  }, [dataset, version]);

  const m = detail?.manifest;
  return (
    <section aria-labelledby="release-heading">
      <h2 id="release-heading">Release {version}</h2>
      <LoadStatus error={error} loaded={!!detail} />
      {detail && m && (
        <>
          <StatList
            testId="release-stats"
            stats={[
              { label: 'Records', value: formatCount(detail.release.records) },
              {
                label: 'Near-duplicate pairs across splits',
                value: m.leakage.crossSplitPairs,
                testId: 'leakage',
              },
              { label: 'Groups', value: formatCount(m.leakage.groups) },
              { label: 'Kept from the base release', value: formatCount(m.leakage.pinnedFromBase) },
              { label: 'PII findings waived', value: `${m.pii.waivers.length} of ${m.pii.findings}` },
              { label: 'Release hash', value: <code>{detail.release.releaseHash?.slice(0, 16)}…</code> },
            ]}
          />
          <DataTable
            caption="Splits"
            testId="release-splits"
            rows={m.splits}
            rowKey={(s) => s.name}
            columns={[
              { header: 'Split', cell: (s) => s.name },
              { header: 'Records', num: true, cell: (s) => formatCount(s.records) },
              { header: 'Target', num: true, cell: (s) => `${(s.ratio * 100).toFixed(1)}%` },
              {
                header: 'Share',
                num: true,
                cell: (s) => `${((100 * s.records) / Math.max(1, detail.release.records)).toFixed(1)}%`,
              },
            ]}
          />
          {m.stratifyBy.length > 0 && (
            <DataTable
              caption={`Strata by ${m.stratifyBy.join(' × ')}`}
              rows={m.strata}
              rowKey={(s) => s.stratum}
              columns={[
                { header: 'Stratum', cell: (s) => s.stratum },
                ...m.splits.map((sp) => ({
                  header: sp.name,
                  num: true,
                  cell: (s: (typeof m.strata)[number]) => formatCount(s.counts[sp.name]),
                })),
              ]}
            />
          )}
          {m.annotation.agreement && m.annotation.agreement.length > 0 && (
            <DataTable
              caption="Agreement between annotators on the released records, per question"
              testId="release-agreement"
              rows={m.annotation.agreement}
              rowKey={(a) => a.question}
              columns={[
                { header: 'Question', cell: (a) => a.question },
                {
                  header: "Krippendorff's alpha",
                  num: true,
                  cell: (a) => (typeof a.alpha === 'number' ? a.alpha.toFixed(3) : '—'),
                },
                {
                  header: '95% interval',
                  cell: (a) =>
                    a.interval
                      ? `${a.interval[0].toFixed(3)} to ${a.interval[1].toFixed(3)}`
                      : (a.note ?? '—'),
                },
                { header: 'Records with 2+ answers', num: true, cell: (a) => formatCount(a.items) },
                { header: 'Annotators', num: true, cell: (a) => formatCount(a.annotators) },
              ]}
            />
          )}
          <p>
            Sources:{' '}
            {Object.entries(m.origins)
              .map(([o, n]) => `${o} ${formatCount(n)}`)
              .join(', ')}
            {m.mix && ` · mix dropped ${formatCount(m.mix.dropped)}`}
          </p>
          {m.pii.waivers.length > 0 && (
            <ul aria-label="PII waivers">
              {m.pii.waivers.map((w) => (
                <li key={w.finding}>
                  <code>{w.finding}</code>: {w.reason}
                </li>
              ))}
            </ul>
          )}
          {detail.release.base && <Changelog dataset={dataset} version={version} />}
          {others.length > 0 && (
            <section aria-labelledby="diff-heading">
              <h3 id="diff-heading">Changes</h3>
              <label>
                Compare {version} with{' '}
                <select value={against} onChange={(e) => setAgainst(e.target.value)}>
                  {others.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              {against && <DiffView dataset={dataset} version={version} against={against} />}
            </section>
          )}
        </>
      )}
    </section>
  );
}

// A question with no final value yet reads as a dash, not as `null`.
/** Why records changed since the base release: the reasons people recorded, as the card lists them. */
function Changelog({ dataset, version }: { dataset: string; version: string }) {
  const [log, setLog] = useState<ReleaseChangelog['changelog'] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .releaseChangelog(dataset, version)
      .then((r) => setLog(r.changelog))
      .catch((e) => setError(errorMessage(e)));
  }, [dataset, version]);
  return (
    <section aria-labelledby="changelog-heading" data-testid="release-changelog">
      <h3 id="changelog-heading">Changelog</h3>
      <LoadStatus error={error} loaded={log !== undefined} />
      {log && (
        <>
          <p>
            Since {log.base}: {formatCount(log.counts.added)} added, {formatCount(log.counts.removed)}{' '}
            removed, {formatCount(log.counts.modified)} modified, {formatCount(log.counts.relabelled)}{' '}
            relabelled, {formatCount(log.counts.splitChanged)} moved between splits.
          </p>
          {log.reasons.length === 0 ? (
            <p className="muted">No reasons were recorded on the changed records.</p>
          ) : (
            <ul aria-label="Reasons recorded on changed records">
              {log.reasons.map((r, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: reasons are a fixed list, never reordered
                <li key={i}>
                  <span dir="auto">{r.externalId}</span> ({r.change}), <span dir="auto">{r.by}</span>:{' '}
                  <span dir="auto">{r.text}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

const show = (v: unknown) => (v == null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** One side of a change: what the record was in the older release, or is in the newer one. */
function side(c: ReleaseChange, which: 'from' | 'to'): string {
  if (c.kind === 'added') return which === 'to' ? `added to ${c.split}` : '—';
  if (c.kind === 'removed') return which === 'from' ? `in ${c.split}` : 'removed';
  const parts = [
    ...c.relabelled.map((r) => `${r.question}: ${show(which === 'from' ? r.from : r.to)}`),
    ...(c.split ? [`split ${which === 'from' ? c.split.from : c.split.to}`] : []),
  ];
  if (c.fields.length) parts.push(which === 'from' ? `fields as before` : `changed: ${c.fields.join(', ')}`);
  if (c.other.length && which === 'to') parts.push(`also ${c.other.join(', ')}`);
  return parts.join(' · ') || '—';
}

function DiffView({ dataset, version, against }: { dataset: string; version: string; against: string }) {
  const [diff, setDiff] = useState<ReleaseDiffView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [traced, setTraced] = useState<ReleaseChange | null>(null);
  useEffect(() => {
    setDiff(null);
    setTraced(null);
    api
      .releaseDiff(dataset, version, against)
      .then(setDiff)
      .catch((e) => setError(errorMessage(e)));
  }, [dataset, version, against]);
  return (
    <>
      <LoadStatus error={error} loaded={!!diff} />
      {diff && (
        <>
          <StatList
            testId="diff-counts"
            stats={[
              { label: 'Added', value: formatCount(diff.counts.added) },
              { label: 'Removed', value: formatCount(diff.counts.removed) },
              { label: 'Modified', value: formatCount(diff.counts.modified) },
              { label: 'Relabelled', value: formatCount(diff.counts.relabelled) },
              { label: 'Moved between splits', value: formatCount(diff.counts.splitChanged) },
              { label: 'Unchanged', value: formatCount(diff.counts.unchanged) },
            ]}
          />
          {diff.changes.length > 0 && (
            <DataTable
              caption={`${diff.from.version} and ${diff.to.version} side by side${diff.truncated ? ' (first changes)' : ''}`}
              testId="diff-table"
              className="diff-side-by-side"
              rows={diff.changes}
              rowKey={(c) => c.recordId}
              columns={[
                {
                  header: 'Record',
                  cell: (c) => (
                    <button
                      type="button"
                      className="link"
                      aria-pressed={traced?.recordId === c.recordId}
                      aria-label={`${c.externalId}: show its lineage`}
                      onClick={() => setTraced(c)}
                    >
                      <span dir="auto">{c.externalId}</span>
                    </button>
                  ),
                },
                { header: diff.from.version, cell: (c) => side(c, 'from') },
                { header: diff.to.version, cell: (c) => side(c, 'to') },
              ]}
            />
          )}
          {traced && (
            <section aria-labelledby="trace-heading" data-testid="release-lineage">
              <h3 id="trace-heading">
                Lineage of <span dir="auto">{traced.externalId}</span>
              </h3>
              <LineagePanel key={traced.recordId} id={traced.recordId} startOpen />
            </section>
          )}
        </>
      )}
    </>
  );
}
