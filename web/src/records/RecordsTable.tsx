import { own } from '../../../src/core/own.js';
import type { DatasetSettings, RecordView } from '../api/types';
import { excerpt } from '../logic/format';
import { isChat } from '../logic/textDiff';
import { STATUS_LABEL } from '../status';

/** The text a row previews: the first text (or markdown) field, else the first user turn of a chat. */
export function previewText(settings: DatasetSettings, record: RecordView): string {
  const textField = settings.fields.find((f) => f.type === 'text' || f.type === 'markdown');
  const v = textField ? own(record.fields, textField.name) : undefined;
  if (typeof v === 'string') return excerpt(v, 120);
  for (const f of settings.fields) {
    const c = own(record.fields, f.name);
    if (isChat(c)) return excerpt(c.find((m) => m.role === 'user')?.content ?? c[0]?.content ?? '', 120);
  }
  return '';
}

export function RecordsTable({
  settings,
  records,
  selected,
  openId,
  onToggle,
  onToggleAll,
  onOpen,
}: {
  settings: DatasetSettings;
  records: RecordView[];
  selected: ReadonlySet<number>;
  openId: number | null;
  onToggle: (id: number, range: boolean) => void;
  onToggleAll: () => void;
  onOpen: (id: number) => void;
}) {
  const allOn = records.length > 0 && records.every((r) => selected.has(r.id));
  const someOn = records.some((r) => selected.has(r.id));
  return (
    <div className="table-wrap">
      <table className="data-table records-table" data-testid="records-table">
        <caption className="visually-hidden">
          Records; select rows for bulk actions, open one to read it
        </caption>
        <thead>
          <tr>
            <th scope="col" className="check-col">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allOn}
                ref={(el) => {
                  if (el) el.indeterminate = someOn && !allOn;
                }}
                onChange={onToggleAll}
              />
            </th>
            <th scope="col">External id</th>
            <th scope="col">Status</th>
            <th scope="col">Language</th>
            <th scope="col">Text</th>
            <th scope="col" className="num">
              Responses
            </th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const lang = r.language ?? undefined;
            return (
              <tr
                key={r.id}
                data-record-id={r.id}
                className={`${selected.has(r.id) ? 'selected' : ''}${openId === r.id ? ' open' : ''}`}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('input, button, a')) return;
                  onOpen(r.id);
                }}
              >
                <td className="check-col">
                  <input
                    type="checkbox"
                    aria-label={`Select record ${r.externalId}`}
                    checked={selected.has(r.id)}
                    onClick={(e) => onToggle(r.id, e.shiftKey)}
                    onChange={() => undefined}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Open record ${r.externalId}`}
                    aria-expanded={openId === r.id}
                    aria-controls="record-panel"
                    onClick={() => onOpen(r.id)}
                  >
                    <span dir="auto">{excerpt(r.externalId, 60)}</span>
                  </button>
                </td>
                <td>
                  <span className={`badge status-${r.status}`}>{STATUS_LABEL[r.status] ?? r.status}</span>
                </td>
                <td>{r.language ?? '—'}</td>
                <td className="preview" dir="auto" lang={lang}>
                  {previewText(settings, r)}
                </td>
                <td className="num">{r.responses?.length ?? (r.response ? 1 : 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
