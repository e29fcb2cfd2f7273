import type { MappedRow, TrainingFormat } from '../export-record.js';
import { conversationReader, fail } from './chat-source.js';
import { applyCorrections } from './corrections.js';

/** OpenAI also accepts the legacy `function` role; we never produce it. */
const ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant', 'tool']);
const KEYS: ReadonlySet<string> = new Set(['role', 'content', 'name', 'weight']);
const NAME_MAX = 64;

const validName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= NAME_MAX;

/**
 * Problems OpenAI's chat fine-tuning validation would report for this row; empty when valid.
 * Written apart from the mapper so tests check the mapper's output against the rules themselves.
 */
export function validateOpenAIChatRow(row: unknown): string[] {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return ['row is not an object'];
  const messages = (row as Record<string, unknown>).messages;
  if (!Array.isArray(messages) || messages.length === 0) return ['messages must be a non-empty array'];
  const problems: string[] = [];
  messages.forEach((m: unknown, i) => {
    const at = `messages[${i}]`;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) {
      problems.push(`${at} is not an object`);
      return;
    }
    const msg = m as Record<string, unknown>;
    for (const k of Object.keys(msg)) if (!KEYS.has(k)) problems.push(`${at} has unrecognised key '${k}'`);
    const role = msg.role;
    if (typeof role !== 'string' || !ROLES.has(role))
      problems.push(`${at} has invalid role ${JSON.stringify(role)}`);
    if (typeof msg.content !== 'string') problems.push(`${at} content must be a string`);
    else if ((role === 'user' || role === 'system') && msg.content.trim() === '')
      problems.push(`${at} ${role} content is empty`);
    if ('name' in msg && !validName(msg.name))
      problems.push(`${at} name must be a string of 1 to ${NAME_MAX} characters`);
    if ('weight' in msg) {
      if (role !== 'assistant') problems.push(`${at} weight is only allowed on assistant messages`);
      if (msg.weight !== 0 && msg.weight !== 1) problems.push(`${at} weight must be 0 or 1`);
    }
  });
  if (!messages.some((m) => typeof m === 'object' && m !== null && m.role === 'assistant'))
    problems.push('no assistant message');
  return problems;
}

export const openai: TrainingFormat = {
  name: 'openai',
  prepare(settings, options) {
    const read = conversationReader(settings, options, 'openai');
    return (record): MappedRow => {
      const conv = read(applyCorrections(settings, record));
      if (!conv.ok) return conv;
      const messages: Record<string, unknown>[] = [];
      for (const [i, m] of conv.value.entries()) {
        const at = `message ${i + 1}`;
        if (!ROLES.has(m.role))
          return fail(`${at} has role '${m.role}', which OpenAI fine-tuning does not accept`);
        if ((m.role === 'user' || m.role === 'system') && m.content.trim() === '')
          return fail(`${at} is an empty ${m.role} turn`);
        const out: Record<string, unknown> = { role: m.role, content: m.content };
        // An invalid name is dropped rather than failing the row: it is a label, not training text.
        if (validName(m.name)) out.name = m.name;
        // Weight means "train on this turn or not"; it exists only for assistant turns.
        if (m.role === 'assistant' && m.weight !== undefined) {
          if (m.weight !== 0 && m.weight !== 1)
            return fail(`${at} has weight ${JSON.stringify(m.weight)}; only 0 or 1`);
          out.weight = m.weight;
        }
        messages.push(out);
      }
      if (!messages.some((m) => m.role === 'assistant')) return fail('no assistant message to train on');
      return { ok: true, row: { messages } };
    };
  },
};
