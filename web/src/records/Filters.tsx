import { type FormEvent, useId, useState } from 'react';
import type { RecordStatus } from '../api/types';
import { emptyFilters, type RecordFilters } from '../logic/recordsQuery';
import { STATUS_LABEL, STATUSES } from '../status';

/** The records filters; they apply on submit (Enter in any box, or the Apply button). */
export function Filters({
  initial,
  checks,
  onApply,
}: {
  initial: RecordFilters;
  checks: string[];
  onApply: (f: RecordFilters) => void;
}) {
  const [f, setF] = useState<RecordFilters>(initial);
  const id = useId();
  const toggle = (s: RecordStatus) =>
    setF({ ...f, statuses: f.statuses.includes(s) ? f.statuses.filter((x) => x !== s) : [...f.statuses, s] });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(f);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter records">
      <fieldset className="status-filter">
        <legend>Status</legend>
        {STATUSES.map((s) => (
          <label key={s} className="checkbox-option">
            <input type="checkbox" checked={f.statuses.includes(s)} onChange={() => toggle(s)} />
            {STATUS_LABEL[s]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-q`}>
        Text search
        <input
          id={`${id}-q`}
          type="search"
          value={f.q}
          dir="auto"
          onChange={(e) => setF({ ...f, q: e.target.value })}
        />
      </label>
      <label htmlFor={`${id}-lang`}>
        Language
        <input
          id={`${id}-lang`}
          value={f.language}
          placeholder="es"
          maxLength={35}
          autoCapitalize="none"
          spellCheck={false}
          onChange={(e) => setF({ ...f, language: e.target.value })}
        />
      </label>
      <label htmlFor={`${id}-meta`}>
        Metadata (key=value, comma separated)
        <input
          id={`${id}-meta`}
          value={f.meta}
          dir="auto"
          placeholder="language=es"
          onChange={(e) => setF({ ...f, meta: e.target.value })}
        />
      </label>
      <label htmlFor={`${id}-check`}>
        Failing check
        <select
          id={`${id}-check`}
          value={f.failingCheck}
          onChange={(e) => setF({ ...f, failingCheck: e.target.value })}
        >
          <option value="">Any</option>
          {checks.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-buttons">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setF(emptyFilters);
            onApply(emptyFilters);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
