import { useState } from 'react';
import type { ChatMessage } from '../api/types';
import { BoundedText, ShowAll } from './BoundedText';

const TURN_LIMIT = 500;
const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'tool']);

export const roleLabel = (role: string) =>
  role === 'assistant'
    ? 'Assistant'
    : role === 'user'
      ? 'User'
      : role === 'system'
        ? 'System'
        : role === 'tool'
          ? 'Tool'
          : role;

export const roleClass = (role: string) => `turn turn-${KNOWN_ROLES.has(role) ? role : 'other'}`;

/** A conversation: one block per turn, labelled with its role (and name), styled per role. */
export function ChatView({
  messages,
  lang,
  label,
}: {
  messages: ChatMessage[];
  lang?: string | undefined;
  label: string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? messages : messages.slice(0, TURN_LIMIT);
  return (
    <>
      <ol className="chat" aria-label={label}>
        {shown.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns have no id; their position is their identity
          <li key={i} className={roleClass(m.role)}>
            <div className="turn-role">
              {roleLabel(m.role)}
              {m.name && (
                <span className="muted" dir="auto">
                  {' '}
                  · {m.name}
                </span>
              )}
            </div>
            <BoundedText text={m.content} lang={lang} />
          </li>
        ))}
      </ol>
      {shown.length < messages.length && (
        <ShowAll count={messages.length} unit="turns" onClick={() => setAll(true)} />
      )}
    </>
  );
}
