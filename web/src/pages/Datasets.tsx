import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { DatasetSummary } from '../api/types';
import { DataTable } from '../components/DataTable';
import { LoadStatus } from '../components/LoadStatus';
import { formatCount } from '../logic/format';
import { DATASET_LINKS, datasetPath } from '../logic/routes';
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
      <LoadStatus error={error} loaded={!!datasets} />
      {datasets && datasets.length === 0 && (
        <p>
          No datasets yet. Import one with the CLI: <code>tandem import FILE --dataset NAME</code>.
        </p>
      )}
      {datasets && datasets.length > 0 && (
        <DataTable
          caption="Datasets with their record counts per status"
          testId="datasets-table"
          rows={datasets}
          rowKey={(d) => d.name}
          rowTestId={(d) => `dataset-${d.name}`}
          columns={[
            { header: 'Name', cell: (d) => d.name },
            { header: 'Records', num: true, cell: (d) => formatCount(d.records) },
            ...STATUSES.map((s) => ({
              header: STATUS_LABEL[s],
              num: true,
              cell: (d: DatasetSummary) => formatCount(d.byStatus[s]),
            })),
            { header: 'Open', cell: (d) => <DatasetLinks name={d.name} reviewer={canReview(user.role)} /> },
          ]}
        />
      )}
    </section>
  );
}

/** Where a dataset can be opened; the review pages only for those who may review. */
function DatasetLinks({ name, reviewer }: { name: string; reviewer: boolean }) {
  return (
    <ul className="link-list">
      {DATASET_LINKS.filter((p) => reviewer || !p.reviewers).map((p) => (
        <li key={p.page}>
          <Link to={datasetPath(name, p.page)} aria-label={`${p.title} ${name}`}>
            {p.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
