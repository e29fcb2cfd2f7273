/**
 * Which turns of a conversation a correction may change. A question that corrects a chat field
 * names the roles whose turns are editable (`roles`); without it only the assistant's (the agent's)
 * turns are: the system prompt and the user's words are the input, not the answer being corrected.
 * Pure and dependency-free: the web app (which turns get a text box) and the server (which
 * corrections it accepts) run the same rule.
 */

export type CorrectableRole = 'system' | 'user' | 'assistant' | 'tool';

export const DEFAULT_CORRECTED_ROLES: readonly CorrectableRole[] = ['assistant'];

interface Turn {
  role: string;
  content: string;
  name?: string | undefined;
}

/** The roles whose turns this question lets a person change. */
export function correctableRoles(question: { roles?: readonly CorrectableRole[] | undefined }): Set<string> {
  return new Set(question.roles ?? DEFAULT_CORRECTED_ROLES);
}

/**
 * Why `corrected` changes more of `original` than `roles` allow, or null when it does not: the
 * turns stay the same in number and role, and a turn of another role keeps its text and name.
 */
export function lockedTurnChange(
  original: readonly Turn[],
  corrected: readonly Turn[],
  roles: ReadonlySet<string>,
): string | null {
  if (corrected.length !== original.length)
    return `a correction keeps the conversation's ${original.length} turns (got ${corrected.length})`;
  for (let i = 0; i < original.length; i++) {
    const a = original[i]!;
    const b = corrected[i]!;
    if (a.role !== b.role) return `turn ${i + 1} must stay a ${a.role} turn`;
    if (roles.has(a.role)) continue;
    if (a.content !== b.content || (a.name ?? undefined) !== (b.name ?? undefined))
      return `turn ${i + 1} (${a.role}) may not be changed: this question corrects ${[...roles].join(', ')} turns only`;
  }
  return null;
}
