import { type ReactNode, useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import { CommentField } from './CommentField';

/**
 * A reviewer's decision that must say why (return, reject, disagree): a comment is required, and
 * an empty one is refused with `missing`. `children` are fields asked before the comment, which
 * `refuse` checks first (it returns what is wrong, or null).
 */
export function RequiredCommentDialog({
  title,
  testId,
  intro,
  missing,
  confirm,
  danger,
  enterSends = false,
  refuse,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  intro?: string;
  missing: string;
  confirm: string;
  danger?: boolean;
  enterSends?: boolean;
  refuse?: () => string | null;
  onConfirm: (comment: string) => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const wrong = refuse?.() ?? (comment.trim() ? null : missing);
    if (wrong) setError(wrong);
    else onConfirm(comment.trim());
  };
  return (
    <FormDialog
      title={title}
      testId={testId}
      intro={intro}
      confirm={confirm}
      danger={danger}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      {children}
      <CommentField value={comment} onChange={setComment} autoFocus enterSends={enterSends} />
    </FormDialog>
  );
}
