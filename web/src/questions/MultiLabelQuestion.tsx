import { Key } from '../components/Key';
import { positionKey, toggleLabel } from '../logic/keys';
import type { QuestionOf, QuestionProps } from './types';

export function MultiLabelQuestion({
  question,
  value,
  onChange,
  titleId,
}: QuestionProps<QuestionOf<'multi_label'>>) {
  const checked = new Set(Array.isArray(value) ? (value as string[]) : []);
  const order = question.options.map((o) => o.value);
  return (
    <fieldset aria-labelledby={titleId} className="checkbox-group">
      {question.options.map((o, i) => {
        const key = positionKey(i);
        return (
          <label key={o.value} className="checkbox-option">
            <input
              type="checkbox"
              data-option=""
              checked={checked.has(o.value)}
              aria-keyshortcuts={key}
              onChange={() => onChange(toggleLabel([...checked], o.value, order))}
            />
            {key && <Key>{key}</Key>}
            <span className="option-text">
              <span dir="auto">{o.text ?? o.value}</span>
              {o.description && (
                <span className="option-description" dir="auto">
                  {o.description}
                </span>
              )}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
