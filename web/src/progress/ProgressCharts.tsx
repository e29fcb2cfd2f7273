import { useEffect, useMemo, useRef, useState } from 'react';
import type { Progress } from '../api/types';
import { STATUS_LABEL, STATUSES } from '../status';
import { type ChartSpec, statusSpec, submittedSpec } from './specs';

/** The progress charts. vega-embed (with vega and vega-lite) is imported here, on demand only. */
export default function ProgressCharts({ progress }: { progress: Progress }) {
  const submitted = useMemo(
    () => progress.annotators.map((a) => ({ annotator: a.username, submitted: a.submitted })),
    [progress],
  );
  const statuses = useMemo(
    () => STATUSES.map((s) => ({ status: STATUS_LABEL[s], records: progress.byStatus[s] ?? 0 })),
    [progress],
  );
  const specs = useMemo(
    () => ({ submitted: submittedSpec(submitted), status: statusSpec(statuses) }),
    [submitted, statuses],
  );
  return (
    <div className="charts">
      <Chart
        title="Submitted responses per annotator"
        spec={specs.submitted}
        label={`Bar chart of submitted responses per annotator: ${submitted.map((s) => `${s.annotator} ${s.submitted}`).join(', ') || 'none yet'}`}
        testId="chart-submitted"
      />
      <Chart
        title="Records per status"
        spec={specs.status}
        label={`Bar chart of records per status: ${statuses.map((s) => `${s.status} ${s.records}`).join(', ')}`}
        testId="chart-status"
      />
    </div>
  );
}

function Chart({
  title,
  spec,
  label,
  testId,
}: {
  title: string;
  spec: ChartSpec;
  label: string;
  testId: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let finalize: (() => void) | undefined;
    let live = true;
    import('vega-embed')
      .then(({ default: embed }) => {
        if (!live || !el.current) return;
        // A fixed width from the box at hand: "container" widths and step heights do not mix in vega-lite.
        const width = Math.max(220, Math.min(720, el.current.clientWidth - 120));
        return embed(el.current, { ...spec, width } as ChartSpec, {
          actions: false,
          renderer: 'svg',
          // The server's CSP forbids eval: vega interprets its expressions instead of compiling them.
          ast: true,
          ...(matchMedia('(prefers-color-scheme: dark)').matches ? { theme: 'dark' as const } : {}),
        }).then((result) => {
          if (live) finalize = () => result.finalize();
          else result.finalize();
        });
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : 'Chart failed to load'));
    return () => {
      live = false;
      finalize?.();
    };
  }, [spec]);
  return (
    <figure className="chart">
      <figcaption className="sub-label">{title}</figcaption>
      {/* The label is on a wrapper: vega writes its own attributes on the element it draws into. */}
      <div role="img" aria-label={label} data-testid={testId}>
        <div ref={el} />
      </div>
      {error && <p className="error">Chart unavailable: {error}</p>}
    </figure>
  );
}
