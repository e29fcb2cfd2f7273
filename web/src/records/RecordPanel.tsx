import { useEffect, useRef, useState } from 'react';
import { own } from '../../../src/core/own.js';
import { api, errorMessage } from '../api/client';
import type { DatasetSettings, RecordView } from '../api/types';
import { Comments, formatTime } from '../components/Comments';
import { LoadStatus } from '../components/LoadStatus';
import { RecordMeta } from '../components/RecordMeta';
import { RecordFields } from '../fields/RecordFields';
import { questionTitle } from '../logic/answers';
import { formatDuration } from '../logic/format';
import { FinalValues } from '../review/FinalValues';
import { ValueView } from '../review/ValueView';
import { STATUS_LABEL } from '../status';
import { LineagePanel } from './LineagePanel';

/** One record, read-only, beside the table: fields, final values, responses, comments. Escape closes it. */
export function RecordPanel({
  id,
  settings,
  onClose,
}: {
  id: number;
  settings: DatasetSettings;
  onClose: () => void;
}) {
  const [record, setRecord] = useState<RecordView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    setRecord(null);
    setError(null);
    api
      .record(id)
      .then((r) => live && setRecord(r.record))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (record) heading.current?.focus();
  }, [record]);

  return (
    <aside
      id="record-panel"
      className="record-panel"
      aria-labelledby="record-panel-heading"
      data-testid="record-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="record-panel-heading" ref={heading} tabIndex={-1}>
          Record <span dir="auto">{record?.externalId ?? id}</span>
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the record panel">
          Close
        </button>
      </div>
      <LoadStatus error={error} loaded={!!record} />
      {record && (
        <>
          <p>
            <span className={`badge status-${record.status}`}>
              {STATUS_LABEL[record.status] ?? record.status}
            </span>
            {record.language && <span className="badge">{record.language}</span>}
          </p>
          <RecordMeta record={record} />
          <RecordFields settings={settings} record={record} />
          {record.finalValues && Object.keys(record.finalValues).length > 0 && (
            <FinalValues settings={settings} record={record} />
          )}
          {(record.responses ?? (record.response ? [record.response] : [])).map((r) => (
            <section key={r.id} className="panel-response" aria-label={`Response of ${r.username}`}>
              <h3>
                <span dir="auto">{r.username}</span>{' '}
                <span className={`badge status-${r.status}`}>{r.status}</span>{' '}
                <span className="muted">
                  {formatDuration(r.timeSpentMs)} · {formatTime(r.updatedAt)}
                </span>
              </h3>
              {r.reason && <p dir="auto">Reason: {r.reason}</p>}
              <dl className="answer-list">
                {settings.questions.map((q) => (
                  <div key={q.name}>
                    <dt dir="auto">{questionTitle(q)}</dt>
                    <dd>
                      <ValueView question={q} value={own(r.values, q.name)} record={record} />
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <Comments comments={record.comments} />
          <LineagePanel id={record.id} />
        </>
      )}
    </aside>
  );
}
