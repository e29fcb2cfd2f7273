import { own } from '../../../src/core/own.js';
import type { DatasetSettings, RecordView, ResponseView } from '../api/types';
import { questionTitle } from '../logic/answers';
import { agreementFor } from '../logic/disagreement';
import { formatDuration } from '../logic/format';
import { ValueView } from './ValueView';

/** Every response in a column, every question in a row; answers that differ from the majority are marked. */
export function ResponsesTable({
  settings,
  record,
  responses,
  chosen,
}: {
  settings: DatasetSettings;
  record: RecordView;
  responses: ResponseView[];
  chosen: number | null;
}) {
  return (
    <div className="table-wrap">
      <table className="responses-table" data-testid="responses-table">
        <caption className="visually-hidden">Responses side by side, one column per annotator</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            {responses.map((r, i) => (
              <th
                scope="col"
                key={r.id}
                className={chosen === r.id ? 'chosen' : undefined}
                data-testid={`response-column-${i + 1}`}
              >
                <span className="column-number">{i + 1}</span> <span dir="auto">{r.username}</span>
                <div className="column-meta">
                  <span className={`badge status-${r.status}`}>{r.status}</span> ·{' '}
                  {formatDuration(r.timeSpentMs)}
                  {r.reason && (
                    <div className="muted" dir="auto">
                      Reason: {r.reason}
                    </div>
                  )}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {settings.questions.map((q) => {
            const ag = agreementFor(q, responses);
            return (
              <tr key={q.name} data-testid={`agreement-${q.name}`} data-unanimous={ag.unanimous}>
                <th scope="row">
                  <span dir="auto">{questionTitle(q)}</span>{' '}
                  {ag.unanimous ? (
                    <span className="badge badge-ok">✓ all agree</span>
                  ) : ag.answered > 1 ? (
                    <span className="badge badge-disagree">disagreement</span>
                  ) : null}
                </th>
                {responses.map((r) => {
                  const cell = ag.cells.get(r.id) ?? 'missing';
                  return (
                    <td
                      key={r.id}
                      className={`cell-${cell}${chosen === r.id ? ' chosen' : ''}`}
                      data-agreement={cell}
                    >
                      {cell === 'disagree' && <span className="badge badge-disagree">disagrees</span>}
                      {cell === 'agree' && ag.answered > 1 && (
                        <span className="agree-mark" role="img" aria-label="agrees">
                          ✓
                        </span>
                      )}
                      <ValueView question={q} value={own(r.values, q.name)} record={record} />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
