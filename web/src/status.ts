import type { RecordStatus } from './api/types';

export const STATUSES: RecordStatus[] = ['new', 'checked', 'flagged', 'in_review', 'accepted', 'rejected'];
export const STATUS_LABEL: Record<RecordStatus, string> = {
  new: 'New',
  checked: 'Checked',
  flagged: 'Flagged',
  in_review: 'In review',
  accepted: 'Accepted',
  rejected: 'Rejected',
  retired: 'Retired',
  erased: 'Erased',
};
