/**
 * Chat fields: a conversation is a list of turns; each turn's `content` is analysed and anonymized on
 * its own (offsets are per turn), with one FakeMap for the whole conversation so that a name gets the
 * same fake in every turn. Pass the same `fakes` to every call to keep that across a dataset.
 */

import { analyzeWith, resolveOptions } from './analyze.js';
import { FakeMap } from './fake.js';
import { type AnonymizedEntity, type AnonymizeOptions, anonymize, type OperatorName } from './operators.js';
import type { AnalyzeOptions } from './types.js';

export interface RedactChatOptions extends AnalyzeOptions, AnonymizeOptions {
  /** Default 'replace'. */
  operator?: OperatorName;
}

export interface ChatEntity extends AnonymizedEntity {
  /** Index of the turn in `messages`. */
  turn: number;
}

/** The conversation with every turn's content anonymized (other keys kept), and what was replaced. */
export function redactChat<T extends { content: string }>(
  messages: readonly T[],
  options: RedactChatOptions = {},
): { messages: T[]; entities: ChatEntity[] } {
  const operator = options.operator ?? 'replace';
  const resolved = resolveOptions(options);
  const anonymizeOptions: AnonymizeOptions =
    operator === 'fake' && !options.fakes && options.salt
      ? { ...options, fakes: new FakeMap(options.salt, options.region) }
      : options;
  const entities: ChatEntity[] = [];
  const out = messages.map((m, turn) => {
    if (typeof m.content !== 'string') return { ...m };
    const found = analyzeWith(m.content, resolved, options.entities);
    const r = anonymize(m.content, found, operator, anonymizeOptions);
    for (const e of r.entities) entities.push({ ...e, turn });
    return { ...m, content: r.text };
  });
  return { messages: out, entities };
}
