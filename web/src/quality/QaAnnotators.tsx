import type { AnnotatorQa } from '../api/types';
import { DataTable } from '../components/DataTable';
import { formatCount, formatDuration } from '../logic/format';
import { rateText } from '../logic/qa';

/**
 * Per annotator: accuracy on gold and agreement with the others' consensus, each with its interval;
 * flagged and paused annotators say so in words, not only in colour. Admins can resume a paused one.
 */
export function QaAnnotators({
  annotators,
  onResume,
  resuming,
}: {
  annotators: AnnotatorQa[];
  onResume: ((username: string) => void) | undefined;
  resuming: string | null;
}) {
  return (
    <section aria-labelledby="qa-annotators-heading">
      <h3 id="qa-annotators-heading">Annotators</h3>
      {annotators.length === 0 ? (
        <p className="muted">No answers yet.</p>
      ) : (
        <DataTable
          caption="Accuracy on gold records and agreement with the consensus, per annotator, with 95% intervals"
          rows={annotators}
          rowKey={(a) => a.username}
          rowTestId={(a) => `qa-annotator-${a.username}`}
          rowClassName={(a) => (a.gold?.flagged || a.paused ? 'flagged' : undefined)}
          columns={[
            { header: 'Annotator', cell: (a) => a.username },
            { header: 'Records', num: true, cell: (a) => formatCount(a.records) },
            { header: 'Discarded', num: true, cell: (a) => formatCount(a.discarded) },
            { header: 'Median time', num: true, cell: (a) => formatDuration(a.medianTimeMs) },
            { header: 'Accuracy on gold', testId: 'qa-gold', cell: (a) => <GoldCell annotator={a} /> },
            {
              header: 'Agrees with consensus',
              testId: 'qa-consensus',
              cell: (a) => rateText(a.consensus.rate, a.consensus.interval, a.consensus.compared),
            },
            {
              header: 'Status',
              testId: 'qa-paused',
              cell: (a) => <StatusCell annotator={a} onResume={onResume} resuming={resuming} />,
            },
          ]}
        />
      )}
    </section>
  );
}

function GoldCell({ annotator: a }: { annotator: AnnotatorQa }) {
  return (
    <>
      {a.gold ? rateText(a.gold.accuracy, a.gold.interval, a.gold.compared) : '—'}
      {a.gold?.flagged && (
        <>
          {' '}
          <span className="badge badge-disagree">Flagged: clearly below the bar</span>
        </>
      )}
    </>
  );
}

function StatusCell({
  annotator: a,
  onResume,
  resuming,
}: {
  annotator: AnnotatorQa;
  onResume: ((username: string) => void) | undefined;
  resuming: string | null;
}) {
  if (!a.paused) return <span className="muted">working</span>;
  return (
    <>
      <span className="badge badge-disagree">Paused</span> <span dir="auto">{a.paused}</span>
      {onResume && (
        <>
          {' '}
          <button
            type="button"
            onClick={() => onResume(a.username)}
            disabled={resuming !== null}
            aria-label={`Resume ${a.username}`}
            data-testid={`qa-resume-${a.username}`}
          >
            {resuming === a.username ? 'Resuming…' : 'Resume'}
          </button>
        </>
      )}
    </>
  );
}
