import { RadioGroup } from '../components/RadioGroup';
import { ratingKeys } from '../logic/keys';
import type { QuestionOf, QuestionProps } from './types';

export function RatingQuestion({ question, value, onChange, titleId }: QuestionProps<QuestionOf<'rating'>>) {
  const keys = ratingKeys(question.values);
  return (
    <RadioGroup
      labelledBy={titleId}
      value={typeof value === 'number' ? value : undefined}
      onChange={onChange}
      className="rating-options"
      items={question.values.map((v, i) => ({
        value: v,
        label: String(v),
        shortcut: keys[i],
        shortcutInLabel: keys[i] === String(v),
      }))}
    />
  );
}
