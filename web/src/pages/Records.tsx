import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { DatasetDetail, RecordView } from '../api/types';
import { DatasetTitle } from '../components/DatasetTitle';
import { ErrorAlert } from '../components/ErrorAlert';
import { announce, announceError } from '../live';
import { type RecordFilters, recordsQuery, viewFromSearch, viewSearch } from '../logic/recordsQuery';
import { datasetPath } from '../logic/routes';
import { selectRows, toggleAll } from '../logic/selection';
import { type BulkAction, BulkBar } from '../records/BulkBar';
import { Filters } from '../records/Filters';
import { Pager } from '../records/Pager';
import { RecordPanel } from '../records/RecordPanel';
import { RecordsTable } from '../records/RecordsTable';
import { navigate, useLocation } from '../router';
import { canReview, isAdmin, useSession } from '../session';
import { useTitle } from '../useTitle';

const PAGE = 50;

export function RecordsPage({ dataset }: { dataset: string }) {
  useTitle(`Records of ${dataset}`);
  const { user } = useSession();
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  const [records, setRecords] = useState<RecordView[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  // ?open=ID opens a record straight away (the quality report links its disputed records here).
  const { search } = useLocation();
  // The filters and the page live in the URL: a view can be reloaded, bookmarked and shared.
  const searchText = search.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL's text is the view's identity
  const view = useMemo(() => viewFromSearch(search), [searchText]);
  const filtersKey = viewSearch(view.filters, 1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter text is a new filter
  const filters = useMemo(() => view.filters, [filtersKey]);
  const show = (f: RecordFilters, page: number) =>
    navigate(`${datasetPath(dataset, 'records')}?${viewSearch(f, page, search)}`.replace(/\?$/, ''));
  const [openId, setOpenId] = useState<number | null>(() => {
    const id = Number(search.get('open'));
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  });
  const [busy, setBusy] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    api
      .dataset(dataset)
      .then((d) => setDetail(d.dataset))
      .catch((e) => setError(errorMessage(e)));
  }, [dataset]);

  /** Page N of the filtered list, in one request (`page=N`), however far it is. */
  const load = useCallback(
    (f: RecordFilters, page: number) => {
      const n = ++request.current;
      setLoading(true);
      setError(null);
      api
        .records(dataset, recordsQuery(f, null, PAGE, page))
        .then((result) => {
          if (n !== request.current) return;
          setRecords(result.records);
          setTotal(result.total);
        })
        .catch((e) => n === request.current && setError(errorMessage(e)))
        .finally(() => n === request.current && setLoading(false));
    },
    [dataset],
  );

  useEffect(() => load(filters, view.page), [load, filters, view.page]);
  const pages = total === null ? null : Math.max(1, Math.ceil(total / PAGE));
  const first = (view.page - 1) * PAGE;

  const ids = records.map((r) => r.id);

  const bulk = async (a: BulkAction) => {
    const recordIds = [...selected];
    if (!recordIds.length) return;
    setBusy(true);
    try {
      if (a.kind === 'assign') {
        const r = await api.assign(dataset, a.usernames, recordIds);
        announce(`Assigned ${r.assigned}`);
      } else {
        const r = await api.bulk(dataset, {
          recordIds,
          action:
            a.kind === 'status'
              ? { type: 'status', status: a.status }
              : { type: 'respond', values: { [a.question]: a.value }, status: 'submitted' },
        });
        announce(`${r.updated} record${r.updated === 1 ? '' : 's'} updated`);
        setSelected(new Set());
        load(filters, view.page);
      }
    } catch (e) {
      announceError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="records-page">
      <DatasetTitle what="Records of" dataset={dataset} />
      {detail && (
        <Filters
          key={filtersKey}
          initial={filters}
          checks={detail.checks}
          onApply={(f) => {
            setSelected(new Set());
            show(f, 1);
          }}
        />
      )}
      <ErrorAlert message={error} />
      {detail && (
        <BulkBar
          count={selected.size}
          settings={detail.settings}
          canDecide={canReview(user.role)}
          canAssign={isAdmin(user.role)}
          busy={busy}
          onAction={bulk}
          onClear={() => setSelected(new Set())}
        />
      )}
      <div className={`records-layout${openId !== null ? ' with-panel' : ''}`}>
        <div className="records-main">
          <p className="muted" aria-live="polite">
            {total === null
              ? 'Loading…'
              : records.length === 0
                ? `No records on page ${view.page} of ${total.toLocaleString('en-US')} records`
                : `Showing ${(first + 1).toLocaleString('en-US')}–${(first + records.length).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records`}
          </p>
          {detail && (
            <RecordsTable
              settings={detail.settings}
              records={records}
              selected={selected}
              openId={openId}
              onToggle={(id, range) => {
                setSelected(selectRows(ids, selected, id, anchor, range));
                setAnchor(id);
              }}
              onToggleAll={() => setSelected(toggleAll(ids, selected))}
              onOpen={setOpenId}
            />
          )}
          {pages !== null && pages > 1 && (
            <Pager
              page={view.page}
              pages={pages}
              busy={loading}
              onGo={(page) => {
                setSelected(new Set());
                show(filters, page);
              }}
            />
          )}
          {!loading && total === 0 && !error && <p>No records match these filters.</p>}
        </div>
        {openId !== null && detail && (
          <RecordPanel
            id={openId}
            settings={detail.settings}
            onClose={() => {
              const id = openId;
              setOpenId(null);
              // A reload should not open it again.
              if (search.has('open')) {
                const rest = new URLSearchParams(search);
                rest.delete('open');
                const query = rest.toString();
                navigate(`${datasetPath(dataset, 'records')}${query ? `?${query}` : ''}`, { replace: true });
              }
              // Back to the row the panel was opened from.
              document.querySelector<HTMLElement>(`tr[data-record-id="${id}"] button`)?.focus();
            }}
          />
        )}
      </div>
    </section>
  );
}
