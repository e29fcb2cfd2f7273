import { useId } from 'react';
import { own } from '../../../src/core/own.js';
import type { DatasetSettings, QuestionSettings, RecordView, SuggestionView } from '../api/types';
import { questionTitle } from '../logic/answers';
import { LabelQuestion } from './LabelQuestion';
import { MultiLabelQuestion } from './MultiLabelQuestion';
import { PreferenceQuestion } from './PreferenceQuestion';
import { RankingQuestion } from './RankingQuestion';
import { RatingQuestion } from './RatingQuestion';
import { SpanQuestion } from './SpanQuestion';
import { TextQuestion } from './TextQuestion';
import type { QuestionProps } from './types';
import type { QuestionFormState } from './useQuestionForm';

/** Every question of the dataset, one section each; the active one is highlighted. */
export function QuestionForm({
  settings,
  record,
  form,
  suggested = {},
  inlineSpans = false,
  missing = [],
}: {
  settings: DatasetSettings;
  record: RecordView;
  form: QuestionFormState;
  suggested?: Record<string, SuggestionView>;
  /** Required questions a submit found unanswered. */
  missing?: string[];
  /** Draw span taggers in the form (when the record's fields are not shown beside it). */
  inlineSpans?: boolean;
}) {
  return (
    <div className="question-form">
      {settings.questions.map((q, i) => (
        <QuestionSection
          key={q.name}
          index={i}
          question={q}
          settings={settings}
          record={record}
          form={form}
          suggestion={suggested[q.name]}
          inlineSpans={inlineSpans}
          missing={missing.includes(q.name)}
        />
      ))}
    </div>
  );
}

function QuestionSection({
  index,
  question,
  settings,
  record,
  form,
  suggestion,
  inlineSpans,
  missing,
}: {
  missing: boolean;
  index: number;
  question: QuestionSettings;
  settings: DatasetSettings;
  record: RecordView;
  form: QuestionFormState;
  suggestion: SuggestionView | undefined;
  inlineSpans: boolean;
}) {
  const titleId = useId();
  const active = form.active === index;
  const props: QuestionProps = {
    question,
    value: own(form.values, question.name),
    onChange: (v) => form.setValue(question.name, v),
    record,
    settings,
    titleId,
  };
  return (
    <section
      ref={(el) => form.registerSection(index, el)}
      tabIndex={-1}
      className={`question${active ? ' active' : ''}${missing ? ' missing' : ''}`}
      data-testid={`question-${question.name}`}
      data-active={active}
      aria-labelledby={titleId}
      onFocus={() => form.setActive(index)}
    >
      <h3 id={titleId} className="question-title">
        <span dir="auto">{questionTitle(question)}</span>
        {question.required ? (
          <span className="required"> (required)</span>
        ) : (
          <span className="muted"> (optional)</span>
        )}
      </h3>
      {question.description && (
        <p className="question-description" dir="auto">
          {question.description}
        </p>
      )}
      {suggestion && (
        <p className="suggestion" data-testid={`suggestion-${question.name}`}>
          suggested by <span dir="auto">{suggestion.agent}</span>
          {suggestion.score !== null && ` · ${suggestion.score.toFixed(2)}`}
        </p>
      )}
      {missing && <p className="error">This question needs an answer.</p>}
      <QuestionWidget {...props} inlineSpans={inlineSpans} />
    </section>
  );
}

function QuestionWidget(props: QuestionProps & { inlineSpans: boolean }) {
  const { question } = props;
  switch (question.type) {
    case 'label':
      return <LabelQuestion {...props} question={question} />;
    case 'multi_label':
      return <MultiLabelQuestion {...props} question={question} />;
    case 'rating':
      return <RatingQuestion {...props} question={question} />;
    case 'ranking':
      return <RankingQuestion {...props} question={question} />;
    case 'text':
      return <TextQuestion {...props} question={question} />;
    case 'span':
      return (
        <SpanQuestion
          {...props}
          question={question}
          inline={props.inlineSpans || !props.settings.fields.some((f) => f.name === question.field)}
        />
      );
    case 'preference':
      return <PreferenceQuestion {...props} question={question} />;
  }
}
