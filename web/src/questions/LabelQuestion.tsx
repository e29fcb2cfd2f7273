import { RadioGroup } from '../components/RadioGroup';
import { positionKey } from '../logic/keys';
import type { QuestionOf, QuestionProps } from './types';

export function LabelQuestion({ question, value, onChange, titleId }: QuestionProps<QuestionOf<'label'>>) {
  return (
    <RadioGroup
      labelledBy={titleId}
      value={typeof value === 'string' ? value : undefined}
      onChange={onChange}
      className="label-options"
      items={question.options.map((o, i) => ({
        value: o.value,
        label: o.text ?? o.value,
        description: o.description,
        shortcut: positionKey(i),
      }))}
    />
  );
}
