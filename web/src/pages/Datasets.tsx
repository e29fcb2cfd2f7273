import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { DatasetSummary } from '../api/types';
import { formatCount } from '../logic/format';
import { datasetPath } from '../logic/routes';
import { Link } from '../router';
import { canReview, useSession } from '../session';
import { STATUS_LABEL, STATUSES } from '../status';
import { useTitle } from '../useTitle';

export function DatasetsPage() {
  useTitle('Datasets');
  const { user } = useSession();
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .datasets()
      .then((r) => setDatasets(r.datasets))
      .catch((e) => setError(errorMessage(e)));
  }, []);

  return (
    <section>
      <h1>Datasets</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!datasets && !error && <p className="muted">Loading…</p>}
      {datasets && datasets.length === 0 && (
        <p>
          No datasets yet. Import one with the CLI: <code>tandem import FILE --dataset NAME</code>.
        </p>
      )}
      {datasets && datasets.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="datasets-table">
            <caption className="visually-hidden">Datasets with their record counts per status</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Records
                </th>
                {STATUSES.map((s) => (
                  <th scope="col" className="num" key={s}>
                    {STATUS_LABEL[s]}
                  </th>
                ))}
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr key={d.name} data-testid={`dataset-${d.name}`}>
                  <th scope="row" dir="auto">
                    {d.name}
                  </th>
                  <td className="num">{formatCount(d.records)}</td>
                  {STATUSES.map((s) => (
                    <td className="num" key={s}>
                      {formatCount(d.byStatus[s])}
                    </td>
                  ))}
                  <td>
                    <ul className="link-list">
                      <li>
                        <Link to={datasetPath(d.name, 'annotate')} aria-label={`Annotate ${d.name}`}>
                          Annotate
                        </Link>
                      </li>
                      {canReview(user.role) && (
                        <>
                          <li>
                            <Link to={datasetPath(d.name, 'review')} aria-label={`Review ${d.name}`}>
                              Review
                            </Link>
                          </li>
                          <li>
                            <Link
                              to={datasetPath(d.name, 'second')}
                              aria-label={`Second review of ${d.name}`}
                            >
                              Second review
                            </Link>
                          </li>
                        </>
                      )}
                      <li>
                        <Link to={datasetPath(d.name, 'records')} aria-label={`Records of ${d.name}`}>
                          Records
                        </Link>
                      </li>
                      <li>
                        <Link to={datasetPath(d.name, 'progress')} aria-label={`Progress of ${d.name}`}>
                          Progress
                        </Link>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
