import { TandemError } from '../../../../core/errors.js';
import type { FieldSettings } from '../../../../core/fields.js';
import { type DatasetSettings, findField } from '../../../../core/settings.js';
import { type ChatRole, chatRole } from '../../../../core/values.js';
import type { ExportRecord, FormatOptions } from '../export-record.js';
import { applyCorrections, own } from './corrections.js';

/** A result that is either a value or the reason a record cannot be exported. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
export const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/**
 * A message as stored, read leniently: a string role and content plus whatever other keys it has.
 * Each format decides what to keep, so extra keys are dropped there rather than failing here.
 */
export type SourceMessage = { role: string; content: string } & Record<string, unknown>;
export type SimpleMessage = { role: ChatRole; content: string };
export type ConversationReader = (fields: Record<string, unknown>) => Read<SourceMessage[]>;

export const PROMPT_NAMES = ['prompt', 'instruction', 'question', 'input', 'query'];
export const RESPONSE_NAMES = ['response', 'completion', 'output', 'answer'];
export const SYSTEM_NAMES = ['system', 'system_prompt'];
const ROLES: ReadonlySet<string> = new Set(chatRole.options);

export const isTextLike = (f: FieldSettings): boolean => f.type === 'text' || f.type === 'markdown';

/** The first text or markdown field with one of these names, in the order of `names`. */
export function textFieldNamed(settings: DatasetSettings, names: string[]): FieldSettings | undefined {
  for (const n of names) {
    const f = findField(settings, n);
    if (f && isTextLike(f)) return f;
  }
  return undefined;
}

export function readText(fields: Record<string, unknown>, name: string): Read<string> {
  const v = own(fields, name);
  if (typeof v !== 'string') return fail(`field '${name}' is missing or not text`);
  if (v.trim() === '') return fail(`field '${name}' is empty`);
  return { ok: true, value: v };
}

export function readChat(fields: Record<string, unknown>, name: string): Read<SourceMessage[]> {
  const v = own(fields, name);
  if (!Array.isArray(v) || v.length === 0) return fail(`field '${name}' is missing or not a conversation`);
  for (const [i, m] of v.entries()) {
    const ok =
      typeof m === 'object' && m !== null && typeof m.role === 'string' && typeof m.content === 'string';
    if (!ok) return fail(`field '${name}' message ${i + 1} needs a string role and content`);
  }
  return { ok: true, value: v as SourceMessage[] };
}

/** Keeps only role and content; fails on a role outside system/user/assistant/tool. */
export function toSimple(messages: SourceMessage[]): Read<SimpleMessage[]> {
  const out: SimpleMessage[] = [];
  for (const [i, m] of messages.entries()) {
    if (!ROLES.has(m.role))
      return fail(`message ${i + 1} has role '${m.role}', not system/user/assistant/tool`);
    out.push({ role: m.role as ChatRole, content: m.content });
  }
  return { ok: true, value: out };
}

export const hasAssistant = (messages: { role: string }[]): boolean =>
  messages.some((m) => m.role === 'assistant');

function chatFieldReader(settings: DatasetSettings, format: string, name: string): ConversationReader {
  const f = findField(settings, name);
  const chats = settings.fields.filter((x) => x.type === 'chat').map((x) => x.name);
  if (!f)
    throw new TandemError(
      'usage',
      `--field '${name}': no such field (chat fields: ${chats.join(', ') || 'none'})`,
    );
  if (f.type !== 'chat')
    throw new TandemError('usage', `--field '${name}' is a ${f.type} field; ${format} reads a chat field`);
  return (fields) => readChat(fields, name);
}

/**
 * How to get a record's conversation: the chosen chat field, else the only chat field, else one
 * built from text fields by name (system?, prompt -> user, response -> assistant).
 */
export function conversationReader(
  settings: DatasetSettings,
  options: FormatOptions,
  format: string,
): ConversationReader {
  if (options.field !== undefined) return chatFieldReader(settings, format, options.field);
  const chats = settings.fields.filter((f) => f.type === 'chat');
  if (chats.length === 1) return chatFieldReader(settings, format, chats[0]!.name);
  if (chats.length > 1)
    throw new TandemError(
      'usage',
      `${format}: the dataset has several chat fields (${chats.map((f) => f.name).join(', ')}); choose one with --field`,
    );
  const user = textFieldNamed(settings, PROMPT_NAMES);
  const assistant = textFieldNamed(settings, RESPONSE_NAMES);
  if (!user || !assistant)
    throw new TandemError(
      'unsupported',
      `${format} needs a conversation, and the dataset has no chat field and no text fields to build one from: ` +
        `looked for a prompt field (${PROMPT_NAMES.join(', ')}) and a response field (${RESPONSE_NAMES.join(', ')}), ` +
        `with an optional ${SYSTEM_NAMES.join(' or ')} field. Add a chat field and name it with --field, or rename the text fields.`,
    );
  const system = textFieldNamed(settings, SYSTEM_NAMES);
  // Alpaca-shaped data keeps its `input` in the user turn instead of losing it.
  const input = user.name === 'instruction' ? textFieldNamed(settings, ['input']) : undefined;
  return (fields) => {
    const u = readText(fields, user.name);
    if (!u.ok) return u;
    const a = readText(fields, assistant.name);
    if (!a.ok) return a;
    const messages: SourceMessage[] = [];
    const s = system ? own(fields, system.name) : undefined;
    if (typeof s === 'string' && s.trim() !== '') messages.push({ role: 'system', content: s });
    const extra = input ? own(fields, input.name) : undefined;
    const userText = typeof extra === 'string' && extra.trim() !== '' ? `${u.value}\n\n${extra}` : u.value;
    messages.push({ role: 'user', content: userText }, { role: 'assistant', content: a.value });
    return { ok: true, value: messages };
  };
}

/**
 * The conversation a chat training format trains on: read from the record (corrections applied),
 * roles checked, only role and content kept, and at least one assistant turn.
 */
export function trainingConversation(
  settings: DatasetSettings,
  options: FormatOptions,
  format: string,
): (record: ExportRecord) => Read<SimpleMessage[]> {
  const read = conversationReader(settings, options, format);
  return (record) => {
    const conv = read(applyCorrections(settings, record));
    if (!conv.ok) return conv;
    const simple = toSimple(conv.value);
    if (!simple.ok) return simple;
    if (!hasAssistant(simple.value)) return fail('no assistant message to train on');
    return simple;
  };
}
