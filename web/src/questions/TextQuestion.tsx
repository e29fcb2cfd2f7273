import { useState } from 'react';
import { MarkdownView } from '../fields/MarkdownView';
import { CorrectionQuestion } from './CorrectionQuestion';
import type { QuestionOf, QuestionProps } from './types';

/** Free text, or (with `corrects`) a corrected copy of a field. Ctrl+Enter submits, Escape leaves the box. */
export function TextQuestion(props: QuestionProps<QuestionOf<'text'>>) {
  const { question, value, onChange, titleId, record } = props;
  const [preview, setPreview] = useState(false);
  if (question.corrects) return <CorrectionQuestion {...props} />;
  const text = typeof value === 'string' ? value : '';
  return (
    <div className="text-question">
      <textarea
        aria-labelledby={titleId}
        value={text}
        rows={4}
        dir="auto"
        lang={record.language ?? undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {question.markdown && (
        <>
          <button
            type="button"
            className="link-button"
            aria-pressed={preview}
            onClick={() => setPreview(!preview)}
          >
            {preview ? 'Hide preview' : 'Show markdown preview'}
          </button>
          {preview && text && <MarkdownView source={text} lang={record.language ?? undefined} />}
        </>
      )}
    </div>
  );
}
