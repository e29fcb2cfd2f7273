import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import type { AuditChartList } from './types';

/**
 * An audit's charts, the views of `tandem report`: drawn on the server from the report's Vega-Lite
 * specs and shown as SVG images, so the app ships no chart library and nothing in a chart (values
 * from records included) can run. `version` is a new one after a verdict changed the estimate (the
 * parent remounts this with it as key, and the image URLs change with it).
 */
export function AuditCharts({
  dataset,
  audit,
  version,
}: {
  dataset: string;
  audit: number;
  version: number;
}) {
  const [charts, setCharts] = useState<AuditChartList['charts'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .auditCharts(dataset, audit)
      .then((r) => setCharts(r.charts))
      .catch((e) => setError(errorMessage(e)));
  }, [dataset, audit]);
  if (error) return <ErrorAlert message={error} />;
  if (!charts) return null;
  if (charts.length === 0) return <p className="muted">No charts yet for this audit.</p>;
  return (
    <div className="audit-charts" data-testid="audit-charts">
      {charts.map((c) => (
        <figure key={c.index}>
          <img
            src={api.auditChartUrl(dataset, audit, c.index, version)}
            alt={c.title}
            loading="lazy"
            decoding="async"
          />
          <figcaption>{c.title}</figcaption>
        </figure>
      ))}
    </div>
  );
}
