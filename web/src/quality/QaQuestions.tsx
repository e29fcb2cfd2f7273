import type { QuestionQa } from '../api/types';
import { DataTable } from '../components/DataTable';
import { formatCount } from '../logic/format';
import { agreementText, formatShare } from '../logic/qa';

/** Agreement (Krippendorff's alpha with its interval) and the answers' distribution, per question. */
export function QaQuestions({ questions }: { questions: QuestionQa[] }) {
  return (
    <section aria-labelledby="qa-questions-heading">
      <h3 id="qa-questions-heading">Agreement per question</h3>
      {questions.length === 0 && <p className="muted">The dataset asks no questions.</p>}
      {questions.map((q) => (
        <section
          key={q.question}
          className="qa-question"
          data-testid={`qa-question-${q.question}`}
          aria-label={`Question ${q.question}`}
        >
          <h4>
            <span dir="auto">{q.question}</span> <span className="muted">({q.type.replace('_', '-')})</span>
          </h4>
          <p className={q.agreement ? 'qa-figure' : 'muted'} data-testid="qa-agreement">
            {agreementText(q)}
          </p>
          <Distribution question={q} />
        </section>
      ))}
    </section>
  );
}

function Distribution({ question }: { question: QuestionQa }) {
  if (question.distribution.length === 0) return null;
  // A scale reads in its own order; other answers come most frequent first, as the server sends them.
  const rows =
    question.type === 'rating'
      ? [...question.distribution].sort((a, b) => Number(a.value) - Number(b.value))
      : question.distribution;
  return (
    <DataTable
      caption={`Answers to ${question.question}`}
      className="distribution"
      rows={rows}
      rowKey={(d) => d.value}
      columns={[
        { header: 'Answer', cell: (d) => d.value },
        { header: 'Count', num: true, cell: (d) => formatCount(d.count) },
        { header: 'Share', num: true, cell: (d) => formatShare(d.share) },
        {
          header: 'Share as a bar',
          drawing: true,
          className: 'bar-cell',
          cell: (d) => <span className="bar" style={{ width: `${Math.round(d.share * 100)}%` }} />,
        },
      ]}
    />
  );
}
