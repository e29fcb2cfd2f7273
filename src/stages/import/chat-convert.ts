import type { ChatMessage, ChatRole } from '../../core/values.js';

/** ShareGPT speaker names, as written by the datasets and tools that use the format. */
const SHAREGPT_ROLES: Record<string, ChatRole> = {
  system: 'system',
  human: 'user',
  user: 'user',
  gpt: 'assistant',
  assistant: 'assistant',
  chatgpt: 'assistant',
  bard: 'assistant',
  bing: 'assistant',
  tool: 'tool',
  observation: 'tool',
  function_response: 'tool',
};

const ROLES = new Set<string>(['system', 'user', 'assistant', 'tool']);

export type Converted = { ok: true; chat: ChatMessage[] } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Is this value shaped like a conversation (OpenAI messages or ShareGPT turns)? Used for inference. */
export function looksLikeChat(v: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  const first = v[0];
  return (
    isObject(first) && (('role' in first && 'content' in first) || ('from' in first && 'value' in first))
  );
}

/** OpenAI content may be a list of parts; only text parts can become a training turn. */
function contentText(content: unknown, where: string): string | { error: string } {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    const texts: string[] = [];
    for (const part of content) {
      if (isObject(part) && part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
      else
        return {
          error: `${where}: only text content parts are supported, found ${JSON.stringify(isObject(part) ? part.type : part)}`,
        };
    }
    return texts.join('\n');
  }
  return { error: `${where}: content must be a string, found ${typeof content}` };
}

/**
 * Converts OpenAI-style messages or ShareGPT conversations into chat messages. Keys other than
 * role, content, name and weight (tool_calls, metadata, …) are not kept: the chat field holds what
 * trainers read.
 */
export function toChat(v: unknown, column: string): Converted {
  if (!Array.isArray(v))
    return { ok: false, message: `${column}: expected a list of messages, found ${describe(v)}` };
  if (v.length === 0) return { ok: false, message: `${column}: the conversation is empty` };
  const out: ChatMessage[] = [];
  for (let i = 0; i < v.length; i++) {
    const m = v[i];
    const where = `${column}[${i}]`;
    if (!isObject(m))
      return { ok: false, message: `${where}: expected a message object, found ${describe(m)}` };
    let role: string;
    let content: string | { error: string };
    if ('from' in m) {
      const from = String(m.from).toLowerCase();
      const mapped = SHAREGPT_ROLES[from];
      if (!mapped) return { ok: false, message: `${where}.from: unknown speaker '${String(m.from)}'` };
      role = mapped;
      content = contentText(m.value, `${where}.value`);
    } else {
      role = String(m.role);
      if (!ROLES.has(role)) {
        return {
          ok: false,
          message: `${where}.role: expected system, user, assistant or tool, found '${role}'`,
        };
      }
      content = contentText(m.content, `${where}.content`);
    }
    if (typeof content !== 'string') return { ok: false, message: content.error };
    const msg: ChatMessage = { role: role as ChatRole, content };
    if (typeof m.name === 'string' && m.name.length <= 64) msg.name = m.name;
    if (m.weight === 0 || m.weight === 1) msg.weight = m.weight;
    out.push(msg);
  }
  return { ok: true, chat: out };
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}
