import { Dialog } from '../components/Dialog';

type Row = [keys: string[], does: string];

const ANNOTATE: Row[] = [
  [
    ['1', '…', '9', '0'],
    'Pick an option of the active question (label, rating, strength); toggle a multi-label option',
  ],
  [['1', '0'], 'On a 0–10 scale: 10 (press 1 then 0 quickly)'],
  [['a', 'b', 't'], 'Preference: A, B or tie'],
  [['↓', '↑'], 'Next / previous question'],
  [['Tab'], 'Move through the controls (each choice group is one stop)'],
  [['←', '→'], 'Move within a choice group'],
  [['Alt', '↑ / ↓'], 'Ranking: move the focused item up / down'],
  [['Shift', '← / →'], 'Span: select text in the focused text (Ctrl for whole words)'],
  [['label key'], 'Span: tag the selection with that label (shown next to each label)'],
  [['Delete'], 'Span: remove the tags under the caret or selection'],
  [['Enter'], 'Submit the answers'],
  [['Ctrl', 'Enter'], 'Submit while typing in a text box'],
  [['Esc'], 'Leave a text box (so shortcuts work again); close a dialog'],
  [['Backspace'], 'Discard the record (asks for a reason)'],
  [['s'], 'Skip the record'],
  [['?'], 'Show this list'],
];

const REVIEW: Row[] = [
  [['1', '…', '9'], 'Choose a response column'],
  [['Enter'], 'Accept the chosen response as final'],
  [['e'], 'Edit a final version, starting from the chosen response'],
  [['r'], 'Return the record to annotators (asks for a comment)'],
  [['x'], 'Reject the record (asks for a comment)'],
  [['?'], 'Show this list'],
  [['Esc'], 'Close a dialog or leave a text box'],
];

const SECOND: Row[] = [
  [['a'], 'Agree with the final values'],
  [['d'], 'Disagree (asks what is wrong; the record goes back to review)'],
  [['?'], 'Show this list'],
  [['Esc'], 'Close a dialog'],
];

const ROWS = { annotate: ANNOTATE, review: REVIEW, second: SECOND };

export function ShortcutsDialog({
  mode,
  onClose,
}: {
  mode: 'annotate' | 'review' | 'second';
  onClose: () => void;
}) {
  const rows = ROWS[mode];
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <p className="muted">Shortcuts never act while you type in a text box.</p>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, does]) => (
            <tr key={does}>
              <td>
                {keys.map((k) => (
                  <kbd key={k} className="key">
                    {k}
                  </kbd>
                ))}
              </td>
              <td>{does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          Close
        </button>
      </form>
    </Dialog>
  );
}
