import type { QuestionQa } from '../api/types';
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
    <div className="table-wrap">
      <table className="data-table distribution">
        <caption className="visually-hidden">Answers to {question.question}</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col" className="num">
              Count
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col">
              <span className="visually-hidden">Share as a bar</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.value}>
              <th scope="row" dir="auto">
                {d.value}
              </th>
              <td className="num">{formatCount(d.count)}</td>
              <td className="num">{formatShare(d.share)}</td>
              <td aria-hidden="true" className="bar-cell">
                <span className="bar" style={{ width: `${Math.round(d.share * 100)}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
