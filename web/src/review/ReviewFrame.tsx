import type { ReactNode } from 'react';
import type { DatasetSettings, NextRecord } from '../api/types';
import { DatasetTitle } from '../components/DatasetTitle';
import { Guidelines } from '../components/Guidelines';
import { Key } from '../components/Key';
import { RecordIdLabel } from '../components/RecordIdLabel';
import { RecordMeta } from '../components/RecordMeta';
import { RecordFields } from '../fields/RecordFields';

/** What a reviewer's view of one record gets from its queue page. */
export interface ReviewViewProps {
  settings: DatasetSettings;
  next: NextRecord;
  dataset: string;
  /** A decision on this record is under way: the view waits. */
  busy: boolean;
}

/**
 * The layout both reviewers' views share: a bar with the title, the record's id and the shortcuts
 * button; the record on one side (with the guidelines when asked); the decision on the other.
 */
export function ReviewFrame(
  props: ReviewViewProps & {
    /** What the view does, before the dataset's name ("Review"). */
    title: string;
    /** More status after the record's id (e.g. how many responses). */
    status?: ReactNode;
    guidelines?: boolean;
    decisionLabel: string;
    onHelp: () => void;
    /** The decision pane. */
    children: ReactNode;
    /** Dialogs, shown over everything. */
    dialogs?: ReactNode;
  },
) {
  const { settings, busy } = props;
  const { record } = props.next;
  return (
    <div
      className={`review${busy ? ' leaving' : ''}`}
      data-testid="record"
      data-record-id={record.id}
      aria-busy={busy}
    >
      <div className="focus-bar">
        <DatasetTitle what={props.title} dataset={props.dataset} />
        <p className="focus-status">
          <RecordIdLabel externalId={record.externalId} />
          {props.status}
        </p>
        <button type="button" onClick={props.onHelp} aria-keyshortcuts="?">
          Shortcuts <Key>?</Key>
        </button>
      </div>
      <div className="review-layout">
        <section className="record-pane" aria-label="Record">
          <RecordMeta record={record} />
          <RecordFields settings={settings} record={record} />
          {props.guidelines && <Guidelines source={settings.guidelines} />}
        </section>
        <section className="responses-pane" aria-label={props.decisionLabel}>
          {props.children}
        </section>
      </div>
      {props.dialogs}
    </div>
  );
}
