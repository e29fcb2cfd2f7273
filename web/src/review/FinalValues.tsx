import type { DatasetSettings, RecordView } from '../api/types';
import { questionTitle } from '../logic/answers';
import { ValueView } from './ValueView';

/** A record's final values, per question: the value, how it was decided, by whom, how sure. */
export function FinalValues({
  settings,
  record,
  headingLevel = 3,
  testId,
}: {
  settings: DatasetSettings;
  record: RecordView;
  headingLevel?: 2 | 3;
  testId?: string;
}) {
  const finals = record.finalValues ?? {};
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `final-heading-${record.id}`;
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <Heading id={headingId}>Final values</Heading>
      {Object.keys(finals).length === 0 ? (
        <p className="muted">No final values.</p>
      ) : (
        <dl className="answer-list">
          {settings.questions.map((q) => {
            const f = finals[q.name];
            if (!f) return null;
            return (
              <div key={q.name} data-testid={`final-${q.name}`}>
                <dt dir="auto">{questionTitle(q)}</dt>
                <dd>
                  <ValueView question={q} value={f.value} record={record} />
                  <div className="muted">
                    {f.method}
                    {f.decidedBy ? (
                      <>
                        {' '}
                        by <span dir="auto">{f.decidedBy}</span>
                      </>
                    ) : null}
                    {typeof f.confidence === 'number' && ` · confidence ${f.confidence.toFixed(2)}`}
                  </div>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}
