import { useId } from 'react';
import type { PreferenceValue } from '../api/types';
import { RadioGroup } from '../components/RadioGroup';
import { questionTitle } from '../logic/answers';
import { PREFERENCE_CHOICE_KEYS, STRENGTHS } from '../logic/keys';
import type { QuestionOf, QuestionProps } from './types';

/** A or B (or a tie), and how strongly. The two fields are shown side by side with the record. */
export function PreferenceQuestion({
  question,
  value,
  onChange,
  titleId,
  settings,
}: QuestionProps<QuestionOf<'preference'>>) {
  const strengthId = useId();
  const v = value as PreferenceValue | undefined;
  const fieldTitle = (name: string) => {
    const f = settings.fields.find((x) => x.name === name);
    return f ? questionTitle(f) : name;
  };
  const [a, b] = question.options;
  const choices: { value: PreferenceValue['choice']; label: string }[] = [
    { value: 'A', label: `A: ${fieldTitle(a)}` },
    { value: 'B', label: `B: ${fieldTitle(b)}` },
  ];
  if (question.allowTie) choices.push({ value: 'tie', label: 'Tie' });

  return (
    <div className="preference">
      <RadioGroup
        labelledBy={titleId}
        value={v?.choice}
        onChange={(choice) =>
          onChange(
            choice === 'tie' || !question.strength
              ? { choice }
              : { choice, ...(v?.strength ? { strength: v.strength } : {}) },
          )
        }
        className="preference-options"
        items={choices.map((c) => ({ ...c, shortcut: PREFERENCE_CHOICE_KEYS[c.value] }))}
      />
      {question.strength && (
        <div className="strength">
          <span id={strengthId} className="sub-label">
            How strong is the preference?
          </span>
          <RadioGroup
            labelledBy={strengthId}
            value={v?.strength}
            onChange={(strength) => v && v.choice !== 'tie' && onChange({ choice: v.choice, strength })}
            className="strength-options"
            items={STRENGTHS.map((s, i) => ({
              value: s,
              label: s[0]?.toUpperCase() + s.slice(1),
              shortcut: String(i + 1),
              disabled: !v || v.choice === 'tie',
            }))}
          />
        </div>
      )}
    </div>
  );
}
