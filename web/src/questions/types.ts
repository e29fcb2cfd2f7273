import type { AnswerValue, DatasetSettings, QuestionSettings, RecordView } from '../api/types';

export type QuestionOf<T extends QuestionSettings['type']> = Extract<QuestionSettings, { type: T }>;

export interface QuestionProps<Q extends QuestionSettings = QuestionSettings> {
  question: Q;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  record: RecordView;
  settings: DatasetSettings;
  /** The id of the question's title, for aria-labelledby. */
  titleId: string;
}
