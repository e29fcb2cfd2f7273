/** Word diffs of corrections: a string against the original, or a conversation turn by turn. */
import { diffWordsWithSpace } from 'diff';
import type { ChatMessage } from '../api/types.js';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export function wordDiff(original: string, edited: string): DiffPart[] {
  if (original === edited) return original ? [{ kind: 'same', text: original }] : [];
  return diffWordsWithSpace(original, edited).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

export interface TurnDiff {
  index: number;
  role: string;
  changed: boolean;
  parts: DiffPart[];
}

/** Turns are matched by position (a correction edits turns in place; it never adds or drops one). */
export function diffChatTurns(original: ChatMessage[], edited: ChatMessage[]): TurnDiff[] {
  const n = Math.max(original.length, edited.length);
  const out: TurnDiff[] = [];
  for (let i = 0; i < n; i++) {
    const a = original[i];
    const b = edited[i];
    const before = a?.content ?? '';
    const after = b?.content ?? '';
    const changed = !a || !b || before !== after || a.role !== b.role;
    out.push({
      index: i,
      role: (b ?? a)?.role ?? 'user',
      changed,
      parts: changed ? wordDiff(before, after) : [],
    });
  }
  return out;
}

export function isChat(value: unknown): value is ChatMessage[] {
  return (
    Array.isArray(value) &&
    value.every(
      (m) => m && typeof m === 'object' && typeof m.role === 'string' && typeof m.content === 'string',
    )
  );
}
